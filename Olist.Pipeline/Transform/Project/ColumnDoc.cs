namespace Olist.Pipeline.Transform.Project;

/// <summary>A documented column of a model.</summary>
public sealed record ColumnDoc(string Name, string Description);
