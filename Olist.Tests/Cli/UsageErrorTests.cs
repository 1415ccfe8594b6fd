using System.CommandLine;
using Olist.Web.Cli;

namespace Olist.Tests.Cli;

/// <summary>
/// Bad usage of every verb, run through the real command line in-process: one line on standard error, exit code 2,
/// nothing started. None of these reach a verb, so no data directory is touched.
/// </summary>
public sealed class UsageErrorTests
{
    private const string Out = "/nonexistent/olist-usage-tests";

    public static TheoryData<string, string[]> BadUsage => new()
    {
        { "generate: error: --scale 'abc' is not a number", ["generate", "--scale", "abc", "--out", Out] },
        { "generate: error: --scale must be greater than 0 and at most 100, not 0", ["generate", "--scale", "0", "--out", Out] },
        { "generate: error: --seed '1.5' is not a whole number", ["generate", "--seed", "1.5", "--out", Out] },
        { "generate: error: --end-date '2017-02-30' is not a date", ["generate", "--end-date", "2017-02-30", "--out", Out] },
        { "generate: error: Option '--out' is required", ["generate"] },
        { "load: error: unknown --format 'xml'; allowed: table, json", ["load", "--source", Out, "--format", "xml"] },
        { "load: error: Option '--source' is required", ["load"] },
        { "build: error: --ds '2017-13-01' is not a date", ["build", "--ds", "2017-13-01"] },
        { "build: error: --ds 'abc' is not a date", ["build", "--ds", "abc"] },
        { "build: error: Required argument missing for option: '--ds'", ["build", "--ds"] },
        { "build: error: --vars 'kpi_from' must be name=value", ["build", "--vars", "kpi_from"] },
        { "build: error: unknown option '--bogus'; allowed: --select, --full-refresh, --ds, --vars, --project-dir", ["build", "--bogus"] },
        { "build: error: unexpected argument 'everything'", ["build", "everything"] },
        { "test: error: unknown option '--ds'", ["test", "--ds", "2018-01-01"] },
        { "compile: error: unknown --target 'oracle'; allowed: duckdb, bigquery", ["compile", "--target", "oracle", "--out", Out] },
        { "compile: error: Option '--out' is required", ["compile"] },
        { "compile: error: --ds '2018-02-29' is not a date", ["compile", "--ds", "2018-02-29", "--out", Out] },
        { "kpi: error: unknown option '--colour'", ["kpi", "sales-trends", "--colour", "red"] },
        { "kpi: error: unknown --format 'xml'; allowed: table, json, csv", ["kpi", "sales-trends", "--format", "xml"] },
        { "stream: error: --rate 'fast' is not a number", ["stream", "--rate", "fast"] },
        { "stream: error: --count must be 0 or more, not -1", ["stream", "--count", "-1"] },
        { "stream: error: --invalid-pct must be from 0 to 100, not 101", ["stream", "--invalid-pct", "101"] },
        { "stream: error: --duplicate-pct 'x' is not a number", ["stream", "--duplicate-pct", "x"] },
        { "stream: error: --url 'localhost' is not an http:// or https:// address", ["stream", "--url", "localhost"] },
        { "stream: error: --seed 'abc' is not a whole number", ["stream", "--seed", "abc"] },
        { "dag run: error: --ds '2018-02-30' is not a date", ["dag", "run", "--ds", "2018-02-30"] },
        { "dag run: error: Option '--ds' is required", ["dag", "run"] },
        { "dag: error: a verb is missing; verbs: run", ["dag"] },
        { "dag: error: unknown verb 'rn' (did you mean run?); verbs: run", ["dag", "rn", "--ds", "2018-01-01"] },
        { "backfill: error: --from 'yesterday' is not a date", ["backfill", "--from", "yesterday", "--to", "2018-01-01"] },
        { "runs: error: --limit must be at least 1, not 0", ["runs", "--limit", "0"] },
        { "runs: error: --limit 'ten' is not a whole number", ["runs", "--limit", "ten"] },
        { "runs: error: unknown --format 'xml'; allowed: table, json", ["runs", "--format", "xml"] },
        { "error: unknown verb 'biuld' (did you mean build?); verbs: serve, generate, load, build, test, compile, kpi, stream, pubsub, bigquery, dag, backfill, runs, help", ["biuld"] },
        { "error: unknown verb 'bogus'; verbs: serve, generate", ["bogus", "--urls", "http://127.0.0.1:5099"] },
        { "error: unknown verb 'biuld' (did you mean build?)", ["help", "biuld"] },
    };

    public static TheoryData<string[]> Verbs => new()
    {
        { [] }, { ["serve"] }, { ["generate"] }, { ["load"] }, { ["build"] }, { ["test"] }, { ["compile"] }, { ["kpi"] },
        { ["stream"] }, { ["pubsub"] }, { ["pubsub", "setup"] }, { ["dag"] }, { ["dag", "run"] }, { ["backfill"] }, { ["runs"] }, { ["help"] },
    };

    [Theory]
    [MemberData(nameof(BadUsage))]
    public async Task Bad_usage_is_one_line_naming_the_problem_and_exit_code_2(string expected, string[] arguments)
    {
        var outcome = await InvokeAsync(arguments);

        Assert.Equal(VerbRunner.UsageError, outcome.ExitCode);
        Assert.Empty(outcome.Output);
        var line = Assert.Single(outcome.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith(expected, line, StringComparison.Ordinal);
        Assert.EndsWith("--help)", line.TrimEnd(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Verbs))]
    public async Task Help_works_for_every_verb_as_an_option_and_as_the_help_verb(string[] verb)
    {
        var asOption = await InvokeAsync([.. verb, "--help"]);
        var asVerb = await InvokeAsync(["help", .. verb]);

        Assert.Equal((0, ""), (asOption.ExitCode, asOption.Error));
        Assert.Contains("Usage:", asOption.Output, StringComparison.Ordinal);
        Assert.Contains(verb.Length == 0 ? " [command] [options]" : $" {string.Join(' ', verb)} [", asOption.Output, StringComparison.Ordinal);
        Assert.Equal(asOption, asVerb);
    }

    [Theory]
    [InlineData("--urls", "http://127.0.0.1:5099", "--Olist:FirstRun:Scale=0.1")]
    [InlineData("serve", "--urls", "http://127.0.0.1:5099", "--environment", "Development")]
    public void No_verb_and_serve_hand_host_options_to_the_web_host(params string[] arguments)
    {
        var parsed = OlistCommandLine.Create(TimeProvider.System).Parse(arguments);

        Assert.Null(UsageCheck.Problem(parsed));
        Assert.Equal(arguments.SkipWhile(a => a == "serve"), parsed.UnmatchedTokens);
    }

    private static async Task<Outcome> InvokeAsync(string[] arguments)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var invocation = new InvocationConfiguration { Output = output, Error = error };
        var exitCode = await OlistCommandLine.InvokeAsync(arguments, TimeProvider.System, invocation, CancellationToken.None);
        return new Outcome(exitCode, output.ToString(), error.ToString());
    }

    private sealed record Outcome(int ExitCode, string Output, string Error);
}
