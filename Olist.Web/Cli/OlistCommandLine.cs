using System.CommandLine;
using Olist.Web.Hosting;

namespace Olist.Web.Cli;

/// <summary>The command line of the Olist executable: <c>serve</c> (the default), <c>generate</c>, <c>load</c>.</summary>
public static class OlistCommandLine
{
    /// <summary>Parses <paramref name="args"/> and runs the chosen verb, returning the process exit code.</summary>
    public static Task<int> InvokeAsync(string[] args)
    {
        var root = new RootCommand("Olist: the e-commerce data platform. Without a verb, serves the web app.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        root.SetAction((parseResult, ct) => OlistWebApp.RunAsync([.. parseResult.UnmatchedTokens], ct));
        return root.Parse(args).InvokeAsync();
    }
}
