using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Olist.Pipeline.Transform.Project;

/// <summary>Reads one YAML file of the project as nodes, so every complaint can name the file and line it is about.</summary>
internal sealed class YamlFile
{
    private YamlFile(string relativePath, YamlMappingNode root)
    {
        RelativePath = relativePath;
        Root = root;
    }

    /// <summary>The file's path relative to the project folder, as errors show it.</summary>
    public string RelativePath { get; }

    /// <summary>The top-level mapping (empty when the file is empty).</summary>
    public YamlMappingNode Root { get; }

    public static YamlFile Load(string projectDirectory, string path)
    {
        var relative = ProjectPaths.Relative(projectDirectory, path);
        try
        {
            var stream = new YamlStream();
            using (var reader = File.OpenText(path))
            {
                stream.Load(reader);
            }

            if (stream.Documents.Count == 0)
            {
                return new YamlFile(relative, new YamlMappingNode());
            }

            return stream.Documents[0].RootNode is YamlMappingNode mapping
                ? new YamlFile(relative, mapping)
                : throw new PipelineException($"{relative}: the file must hold a mapping (key: value) at the top.");
        }
        catch (YamlException ex)
        {
            throw new PipelineException($"{relative}:{ex.Start.Line}: invalid YAML: {ex.Message}", ex);
        }
    }

    /// <summary>An error naming this file and the line of <paramref name="node"/>.</summary>
    public PipelineException Error(YamlNode node, string message) =>
        new($"{RelativePath}:{node.Start.Line}: {message}");

    /// <summary>The entries of <paramref name="mapping"/>, refusing keys outside <paramref name="allowed"/> so typos are not ignored.</summary>
    public IReadOnlyDictionary<string, YamlNode> Entries(YamlMappingNode mapping, string what, params string[] allowed)
    {
        var entries = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (key, value) in mapping.Children)
        {
            var name = Scalar(key, "key");
            if (!allowed.Contains(name, StringComparer.Ordinal))
            {
                throw Error(key, $"unknown key '{name}' in {what}; allowed: {string.Join(", ", allowed)}.");
            }

            entries[name] = value;
        }

        return entries;
    }

    public YamlMappingNode Mapping(YamlNode node, string what) =>
        node as YamlMappingNode ?? throw Error(node, $"{what} must be a mapping (key: value).");

    public YamlSequenceNode Sequence(YamlNode node, string what) =>
        node as YamlSequenceNode ?? throw Error(node, $"{what} must be a list.");

    public string Scalar(YamlNode node, string what) =>
        node is YamlScalarNode { Value: { } value } ? value : throw Error(node, $"{what} must be a single value.");

    /// <summary>A list of single values; a single value alone counts as a list of one.</summary>
    public IReadOnlyList<string> Scalars(YamlNode node, string what) =>
        node is YamlScalarNode ? [Scalar(node, what)] : [.. Sequence(node, what).Children.Select(n => Scalar(n, what))];

    public bool Boolean(YamlNode node, string what) =>
        Scalar(node, what).ToUpperInvariant() switch
        {
            "TRUE" or "YES" => true,
            "FALSE" or "NO" => false,
            _ => throw Error(node, $"{what} must be true or false."),
        };

    public string? OptionalScalar(IReadOnlyDictionary<string, YamlNode> entries, string key, string what) =>
        entries.TryGetValue(key, out var node) ? Scalar(node, what) : null;
}
