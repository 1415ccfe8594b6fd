using Olist.Pipeline.Transform.DataTests;
using YamlDotNet.RepresentationModel;

namespace Olist.Pipeline.Transform.Project;

/// <summary>What a YAML file says about one model: description, config overrides, meta, columns and tests (still unnamed).</summary>
internal sealed record ModelDoc(
    string Name,
    string Description,
    ConfigOverrides Config,
    IReadOnlyDictionary<string, string> Meta,
    IReadOnlyList<ColumnDoc> Columns,
    IReadOnlyList<DataTest> Tests,
    YamlFile File,
    YamlNode At);

/// <summary>The keys a model's YAML <c>config:</c> may set; null means "keep the folder default".</summary>
internal sealed record ConfigOverrides(
    Materialized? Materialized, string? Schema, string? IncrementalKey, bool? WriteAuditPublish, IReadOnlyList<string> Tags);
