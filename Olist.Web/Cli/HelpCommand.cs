namespace Olist.Web.Cli;

/// <summary>
/// The <c>help [verb]</c> verb: the same page as <c>--help</c>. People type <c>help</c> as they would with git or dotnet;
/// showing what they asked for serves them better than an unknown-verb error.
/// </summary>
internal static class HelpCommand
{
    public static Command Create(RootCommand root)
    {
        var verb = new Argument<string[]>("verb")
        {
            Description = "The verb to explain, such as build or dag run; without one, the list of verbs.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var command = new Command("help", "Show the help of the executable or of a verb.") { verb };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var named = parseResult.GetValue(verb) ?? [];
            var invocation = parseResult.InvocationConfiguration;
            var target = root.Parse(named);
            if (target.UnmatchedTokens.Count > 0)
            {
                await invocation.Error.WriteLineAsync(UsageCheck.Problem(target) ?? UsageCheck.Line(parseResult, $"no verb '{string.Join(' ', named)}'"));
                return VerbRunner.UsageError;
            }

            return await root.Parse([.. named, "--help"]).InvokeAsync(invocation, cancellationToken);
        });
        return command;
    }
}
