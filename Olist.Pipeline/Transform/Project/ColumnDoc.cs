namespace Olist.Pipeline.Transform.Project;

/// <summary>A documented column of a model: its YAML description, declared <c>data_type</c> and free-form <c>meta</c>.</summary>
public sealed record ColumnDoc(string Name, string Description, string? DataType, IReadOnlyDictionary<string, string> Meta);
