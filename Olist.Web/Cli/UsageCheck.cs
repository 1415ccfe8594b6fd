using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace Olist.Web.Cli;

/// <summary>
/// Finds bad usage in a parsed command line, for every verb alike: a value that did not parse or check, a missing
/// required option, an unknown option or argument, an unknown verb. Words it as one line instead of the parser's help page.
/// </summary>
internal static class UsageCheck
{
    /// <summary>The one-line problem with <paramref name="parseResult"/>, or null when it can run (or asks for help).</summary>
    public static string? Problem(ParseResult parseResult)
    {
        var command = parseResult.CommandResult.Command;
        if (parseResult.Action is not ParseErrorAction && parseResult.Action != command.Action)
        {
            // --help or --version: they answer whatever else is on the line.
            return null;
        }

        var unmatched = parseResult.UnmatchedTokens.Count > 0 ? parseResult.UnmatchedTokens[0] : null;
        if (command.Subcommands.Count > 0)
        {
            var verbs = string.Join(", ", command.Subcommands.Select(c => c.Name));
            if (unmatched is not null && !unmatched.StartsWith('-'))
            {
                var guess = Closest(unmatched, command.Subcommands.Select(c => c.Name)) is { } near ? $" (did you mean {near}?)" : string.Empty;
                return Line(parseResult, $"unknown verb '{unmatched}'{guess}; verbs: {verbs}");
            }

            if (unmatched is null && command.Action is null)
            {
                return Line(parseResult, $"a verb is missing; verbs: {verbs}");
            }
        }

        if (parseResult.Errors.Count > 0)
        {
            return Line(parseResult, string.Join("; ", parseResult.Errors.Select(e => e.Message.TrimEnd('.')).Distinct(StringComparer.Ordinal)));
        }

        if (unmatched is null)
        {
            return null;
        }

        // Only serve (and no verb, which serves) hands what it does not know to the web host.
        if (!command.TreatUnmatchedTokensAsErrors)
        {
            return null;
        }

        var options = command.Options.Where(o => o is not HelpOption and not VersionOption && !o.Hidden).Select(o => o.Name).ToList();
        return unmatched.StartsWith('-')
            ? Line(parseResult, $"unknown option '{unmatched}'; allowed: {string.Join(", ", options)}")
            : Line(parseResult, $"unexpected argument '{unmatched}'");
    }

    /// <summary>The usage error line of the verb <paramref name="parseResult"/> chose.</summary>
    public static string Line(ParseResult parseResult, string problem)
    {
        var names = new List<string>();
        for (var result = parseResult.CommandResult; result.Parent is System.CommandLine.Parsing.CommandResult parent; result = parent)
        {
            names.Insert(0, result.Command.Name);
        }

        return Line(string.Join(' ', names), problem);
    }

    /// <summary>How every usage error reads: the verb (such as <c>dag run</c>, empty for none), the problem, and where to read more.</summary>
    public static string Line(string verb, string problem)
    {
        problem = problem.ReplaceLineEndings(" ").Trim().TrimEnd('.');
        return verb.Length == 0 ? $"error: {problem} (see --help)" : $"{verb}: error: {problem} (see {verb} --help)";
    }

    /// <summary>The verb within two edits (a swap counts as one) of <paramref name="typed"/>, as a typo of it.</summary>
    private static string? Closest(string typed, IEnumerable<string> verbs) =>
        verbs.Select(v => (Verb: v, Distance: Distance(typed.ToLowerInvariant(), v)))
            .Where(c => c.Distance <= 2 && c.Distance < c.Verb.Length)
            .OrderBy(c => c.Distance)
            .Select(c => c.Verb)
            .FirstOrDefault();

    /// <summary>Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours.</summary>
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
