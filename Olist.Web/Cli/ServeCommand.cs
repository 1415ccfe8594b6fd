using Olist.Web.Hosting;

namespace Olist.Web.Cli;

/// <summary>The <c>serve</c> verb, also run when no verb is given: the web app with its background services.</summary>
internal static class ServeCommand
{
    public static Command Create(CliHost cli)
    {
        var command = new Command("serve", "Run the web app (the default). Host options such as --urls pass through.");
        ServeUnmatchedArguments(command, cli);
        return command;
    }

    /// <summary>Makes <paramref name="command"/> serve the web app, passing options it does not know (--urls, --Olist:...) to the host.</summary>
    public static void ServeUnmatchedArguments(Command command, CliHost cli)
    {
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((parseResult, cancellationToken) =>
            VerbRunner.RunAsync("serve", () => OlistWebApp.RunAsync([.. parseResult.UnmatchedTokens, .. cli.Settings], cancellationToken)));
    }
}
