namespace Olist.Web.Cli;

/// <summary>The command line of the Olist executable: <c>serve</c> (the default), <c>generate</c>, <c>load</c>, <c>build</c>, <c>test</c>, <c>compile</c>, <c>kpi</c>, <c>stream</c>, <c>pubsub setup</c>, <c>bigquery setup|check</c>, <c>dag run</c>, <c>backfill</c>, <c>runs</c>, <c>help</c>.</summary>
public static class OlistCommandLine
{
    /// <summary>Parses <paramref name="args"/> and runs the chosen verb, returning the process exit code.</summary>
    public static Task<int> InvokeAsync(string[] args) => InvokeAsync(args, TimeProvider.System, new InvocationConfiguration(), CancellationToken.None);

    /// <summary>
    /// Runs the verb <paramref name="args"/> name, or answers bad usage with one line on <paramref name="invocation"/>'s error
    /// writer and <see cref="VerbRunner.UsageError"/>, before any verb starts.
    /// </summary>
    public static async Task<int> InvokeAsync(string[] args, TimeProvider timeProvider, InvocationConfiguration invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var (settings, verb) = CliHost.Split(args);
        var parseResult = Create(new CliHost(timeProvider, settings)).Parse(verb);
        if (UsageCheck.Problem(parseResult) is { } problem)
        {
            await invocation.Error.WriteLineAsync(problem);
            return VerbRunner.UsageError;
        }

        return await parseResult.InvokeAsync(invocation, cancellationToken);
    }

    /// <summary>The root command with no settings switches; the clock decides defaults such as the generator's end date.</summary>
    public static RootCommand Create(TimeProvider timeProvider) => Create(new CliHost(timeProvider, []));

    /// <summary>The root command whose verbs run in hosts of <paramref name="cli"/>'s clock and settings.</summary>
    internal static RootCommand Create(CliHost cli)
    {
        var root = new RootCommand("Olist: the e-commerce data platform. Without a verb, serves the web app.")
        {
            ServeCommand.Create(cli),
            GenerateCommand.Create(cli),
            LoadCommand.Create(cli),
            BuildCommand.Create(cli),
            TestCommand.Create(cli),
            CompileCommand.Create(cli),
            KpiCommand.Create(cli),
            StreamCommand.Create(cli),
            PubSubCommand.Create(cli),
            BigQueryCommand.Create(cli),
            DagCommand.Create(cli),
            BackfillCommand.Create(cli),
            RunsCommand.Create(cli),
        };
        root.Subcommands.Add(HelpCommand.Create(root));
        ServeCommand.ServeUnmatchedArguments(root, cli);
        return root;
    }
}
