using Fluid;

namespace Olist.Pipeline.Transform.Project;

/// <summary>One model of the project: its SQL template, where it lives, what it reads and how it is documented and stored.</summary>
internal sealed record ModelNode(
    string Name,
    string Path,
    string Folder,
    ModelConfig Config,
    string Description,
    IReadOnlyDictionary<string, string> Meta,
    IReadOnlyList<ColumnDoc> Columns,
    IReadOnlyList<string> Refs,
    IReadOnlyList<SourceTable> Sources,
    string RawSql,
    IFluidTemplate Template)
{
    public string UniqueId => $"model.{Name}";
}
