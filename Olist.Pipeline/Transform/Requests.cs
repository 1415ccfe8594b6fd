using Olist.Pipeline.Transform.Execution;
using Olist.Pipeline.Transform.Rendering.Dialects;

namespace Olist.Pipeline.Transform;

/// <summary>A <c>build</c>: models in graph order, each followed by its tests.</summary>
/// <param name="Select">Selection such as <c>+fact_sales tag:kpis</c>; null for every model.</param>
/// <param name="FullRefresh">Rebuild incremental models from scratch.</param>
/// <param name="Ds">The day incremental models replace; null rebuilds them in full.</param>
/// <param name="Vars">Variables given on the command line, by name.</param>
/// <param name="Indirect">Which tests come with the selected models.</param>
public sealed record BuildRequest(
    string? Select = null,
    bool FullRefresh = false,
    DateOnly? Ds = null,
    IReadOnlyDictionary<string, string>? Vars = null,
    IndirectSelection Indirect = IndirectSelection.Eager);

/// <summary>One step of Write-Audit-Publish of one model, run on its own so an orchestrator can retry and record each step.</summary>
/// <param name="Model">A model configured with <c>write_audit_publish: true</c>.</param>
/// <param name="Ds">The day an incremental model replaces; null writes and publishes every row.</param>
/// <param name="FullRefresh">Rebuild an incremental model from scratch.</param>
/// <param name="Vars">Variables, by name, as on the command line.</param>
public sealed record WriteAuditPublishRequest(
    string Model, DateOnly? Ds, bool FullRefresh = false, IReadOnlyDictionary<string, string>? Vars = null);

/// <summary>A <c>test</c>: the selected models' tests against what is in the warehouse.</summary>
public sealed record TestRequest(
    string? Select = null, IReadOnlyDictionary<string, string>? Vars = null, IndirectSelection Indirect = IndirectSelection.Eager);

/// <summary>Which tests a model selection brings along, as dbt's <c>--indirect-selection</c>.</summary>
public enum IndirectSelection
{
    /// <summary>Every test that reads a selected model (the default).</summary>
    Eager,

    /// <summary>Only tests whose other models are selected or upstream of the selection, so a test never reads a model this run did not bring up to date.</summary>
    Buildable,

    /// <summary>No tests: models only.</summary>
    Empty,
}

/// <summary>A <c>compile</c>: standalone SQL files for one warehouse, written to <paramref name="OutputDirectory"/>.</summary>
/// <param name="OutputDirectory">Where <c>models/</c> and <c>tests/</c> are written.</param>
/// <param name="Target">The warehouse whose SQL is written.</param>
/// <param name="Select">Selection such as <c>+fact_sales</c>; null for every model.</param>
/// <param name="Vars">Variables, by name, as on the command line.</param>
/// <param name="Ds">The day incremental models are written to replace in their existing table; null writes them in full.</param>
/// <param name="BigQueryDataset">The BigQuery dataset of every relation (<c>Olist:Warehouse:BigQuery:Dataset</c>); null for the project's.</param>
public sealed record CompileRequest(
    string OutputDirectory,
    TargetWarehouse Target = TargetWarehouse.DuckDb,
    string? Select = null,
    IReadOnlyDictionary<string, string>? Vars = null,
    DateOnly? Ds = null,
    string? BigQueryDataset = null);

/// <summary>A model's or a test's query as it would run on a warehouse, with the relations it reads.</summary>
/// <param name="Name">The model or test.</param>
/// <param name="Kind">Model or test.</param>
/// <param name="Sql">A model's SELECT (what its build wraps in create-or-replace), a test's query for failing rows.</param>
/// <param name="Relation">The relation a model builds; null for a test.</param>
/// <param name="Reads">The relations of the models and sources it reads.</param>
public sealed record PlannedQuery(string Name, NodeKind Kind, string Sql, string? Relation, IReadOnlyList<string> Reads);

/// <summary>What <c>compile</c> wrote: one script per model in build order and one query per test.</summary>
public sealed record CompileSummary(IReadOnlyList<string> ModelFiles, IReadOnlyList<string> TestFiles);
