using Olist.Pipeline.Transform.Rendering.Dialects;

namespace Olist.Pipeline.Transform;

/// <summary>A <c>build</c>: models in graph order, each followed by its tests.</summary>
/// <param name="Select">Selection such as <c>+fact_sales tag:kpis</c>; null for every model.</param>
/// <param name="FullRefresh">Rebuild incremental models from scratch.</param>
/// <param name="Ds">The day incremental models replace; null rebuilds them in full.</param>
/// <param name="Vars">Variables given on the command line, by name.</param>
public sealed record BuildRequest(
    string? Select = null, bool FullRefresh = false, DateOnly? Ds = null, IReadOnlyDictionary<string, string>? Vars = null);

/// <summary>A <c>test</c>: the selected models' tests against what is in the warehouse.</summary>
public sealed record TestRequest(string? Select = null, IReadOnlyDictionary<string, string>? Vars = null);

/// <summary>A <c>compile</c>: standalone SQL files for one warehouse, written to <paramref name="OutputDirectory"/>.</summary>
public sealed record CompileRequest(
    string OutputDirectory, TargetWarehouse Target = TargetWarehouse.DuckDb, string? Select = null, IReadOnlyDictionary<string, string>? Vars = null);

/// <summary>What <c>compile</c> wrote: one script per model in build order and one query per test.</summary>
public sealed record CompileSummary(IReadOnlyList<string> ModelFiles, IReadOnlyList<string> TestFiles);
