using Olist.Pipeline.Transform.DataTests;

namespace Olist.Pipeline.Transform.Project;

/// <summary>What the project's YAML says about one model, for readers of the manifest such as the KPI catalog.</summary>
/// <param name="Name">The model.</param>
/// <param name="Schema">The schema its relation is built in.</param>
/// <param name="Description">Its YAML description.</param>
/// <param name="Meta">Its YAML <c>meta:</c> entries.</param>
/// <param name="Columns">Its documented columns in YAML order.</param>
public sealed record ModelMetadata(
    string Name, string Schema, string Description, IReadOnlyDictionary<string, string> Meta, IReadOnlyList<ColumnMetadata> Columns)
{
    /// <summary>Every model of <paramref name="manifest"/> in name order, each column with what its tests guarantee.</summary>
    internal static IReadOnlyList<ModelMetadata> Of(TransformManifest manifest)
    {
        var notNull = manifest.Tests.OfType<NotNullTest>().Select(t => (t.Model, t.Column)).ToHashSet();
        var accepted = manifest.Tests.OfType<AcceptedValuesTest>().ToLookup(t => (t.Model, t.Column), t => t.Values);
        return [.. manifest.Models.Values.OrderBy(m => m.Name, StringComparer.Ordinal).Select(model => new ModelMetadata(
            model.Name,
            model.Config.Schema,
            model.Description,
            model.Meta,
            [.. model.Columns.Select(c => new ColumnMetadata(
                c.Name, c.Description, c.DataType, c.Meta, notNull.Contains((model.Name, c.Name)), accepted[(model.Name, c.Name)].FirstOrDefault() ?? []))]))];
    }
}

/// <summary>A documented column: its YAML description, <c>data_type</c> and <c>meta</c>, and what its tests guarantee.</summary>
/// <param name="Name">The column.</param>
/// <param name="Description">Its YAML description.</param>
/// <param name="DataType">Its declared <c>data_type</c>, if any.</param>
/// <param name="Meta">Its YAML <c>meta:</c> entries.</param>
/// <param name="NotNull">Whether a <c>not_null</c> test guards it.</param>
/// <param name="AcceptedValues">The values of its <c>accepted_values</c> test, empty without one.</param>
public sealed record ColumnMetadata(
    string Name, string Description, string? DataType, IReadOnlyDictionary<string, string> Meta, bool NotNull, IReadOnlyList<string> AcceptedValues);
