using Olist.Pipeline.Transform.DataTests;
using Olist.Pipeline.Transform.Project;

namespace Olist.Pipeline.Transform.Graph;

/// <summary>
/// The nodes a <c>--select</c> names: <c>name</c>, <c>+name</c> (with ancestors), <c>name+</c> (with descendants),
/// <c>tag:x</c>, <c>path:marts</c>, several separated by spaces as a union. A test's name selects that test alone. The
/// checks of a source come with any selected model that reads it, so a build never reads an empty source unwarned.
/// </summary>
internal sealed record Selection(IReadOnlySet<string> Models, IReadOnlySet<string> Tests)
{
    public static Selection Parse(
        string? select, TransformManifest manifest, DependencyGraph graph, IndirectSelection indirect = IndirectSelection.Eager)
    {
        var tokens = (select ?? string.Empty).Split([' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (tokens.Length == 0)
        {
            return new Selection(manifest.Models.Keys.ToHashSet(StringComparer.Ordinal), TestsOf(manifest, manifest.Models.Keys));
        }

        var models = new HashSet<string>(StringComparer.Ordinal);
        var tests = new HashSet<string>(StringComparer.Ordinal);
        foreach (var token in tokens)
        {
            var withAncestors = token.StartsWith('+');
            var withDescendants = token.EndsWith('+') && token.Length > 1;
            var method = token.Trim('+');
            if (manifest.Tests.FirstOrDefault(t => t.Name == method) is { } test)
            {
                tests.Add(test.Name);
                continue;
            }

            var matched = Match(method, manifest);
            if (matched.Count == 0)
            {
                throw new InvalidRequestException($"--select '{token}' matches no model or test of the project.");
            }

            foreach (var model in matched)
            {
                models.Add(model);
                models.UnionWith(withAncestors ? graph.Ancestors(model) : []);
                models.UnionWith(withDescendants ? graph.Descendants(model) : []);
            }
        }

        tests.UnionWith(indirect switch
        {
            IndirectSelection.Empty => [],
            IndirectSelection.Buildable => BuildableTestsOf(manifest, models, graph),
            _ => TestsOf(manifest, models),
        });
        return new Selection(models, tests);
    }

    /// <summary>Tests reading a selected model and otherwise only selected models or their ancestors, as dbt's <c>buildable</c>.</summary>
    private static HashSet<string> BuildableTestsOf(TransformManifest manifest, IReadOnlySet<string> models, DependencyGraph graph)
    {
        var readable = models.SelectMany(graph.Ancestors).Concat(models).ToHashSet(StringComparer.Ordinal);
        var sources = SourcesReadBy(manifest, models);
        return manifest.Tests
            .Where(t => t.DependsOn.Any(models.Contains) && t.DependsOn.All(readable.Contains) || IsCheckOf(t, sources))
            .Select(t => t.Name)
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Tests reading any of <paramref name="models"/>, as dbt selects tests with their models.</summary>
    private static HashSet<string> TestsOf(TransformManifest manifest, IEnumerable<string> models)
    {
        var chosen = models.ToHashSet(StringComparer.Ordinal);
        var sources = SourcesReadBy(manifest, chosen);
        return manifest.Tests.Where(t => t.DependsOn.Any(chosen.Contains) || IsCheckOf(t, sources)).Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
    }

    private static HashSet<string> SourcesReadBy(TransformManifest manifest, IEnumerable<string> models) =>
        models.SelectMany(m => manifest.Models[m].Sources).Select(s => s.UniqueId).ToHashSet(StringComparer.Ordinal);

    /// <summary>A source check (it reads no model) of a source in <paramref name="sources"/>.</summary>
    private static bool IsCheckOf(DataTest test, HashSet<string> sources) =>
        test.DependsOn.Count == 0 && test.Sources.Any(s => sources.Contains(s.UniqueId));

    private static List<string> Match(string method, TransformManifest manifest)
    {
        if (method.StartsWith("tag:", StringComparison.Ordinal))
        {
            var tag = method["tag:".Length..];
            return [.. manifest.Models.Values.Where(m => m.Config.Tags.Contains(tag, StringComparer.Ordinal)).Select(m => m.Name)];
        }

        if (method.StartsWith("path:", StringComparison.Ordinal))
        {
            var path = method["path:".Length..].Trim('/');
            path = path.StartsWith($"{ProjectPaths.Models}/", StringComparison.Ordinal) ? path : $"{ProjectPaths.Models}/{path}";
            return [.. manifest.Models.Values
                .Where(m => m.Path.StartsWith($"{path}/", StringComparison.Ordinal) || m.Path == path || m.Path == $"{path}.sql")
                .Select(m => m.Name)];
        }

        return manifest.Models.ContainsKey(method) ? [method] : [];
    }
}
