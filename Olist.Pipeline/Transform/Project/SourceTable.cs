namespace Olist.Pipeline.Transform.Project;

/// <summary>A table outside the project that models read with <c>source('schema', 'table')</c>, such as <c>raw.orders</c>.</summary>
public sealed record SourceTable(string Schema, string Name, string Description)
{
    public string UniqueId => $"source.{Schema}.{Name}";
}
