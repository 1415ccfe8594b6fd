using Olist.Pipeline.Transform.Execution;
using Olist.Pipeline.Transform.Project;

namespace Olist.Pipeline.Transform.Rendering.Dialects;

/// <summary>
/// BigQuery standard SQL: every relation lives in one dataset, <c>`olist.stg_orders`</c>, raw tables as
/// <c>`olist.raw_orders`</c>, audit relations as <c>`olist.fact_sales__audit`</c>, staged days as
/// <c>`olist.fact_sales__incoming`</c>. Every statement analyzes with ZetaSQL in BigQuery's (external) mode.
/// </summary>
internal sealed class BigQueryDialect(string dataset) : SqlDialect
{
    public override TargetWarehouse Target => TargetWarehouse.BigQuery;

    public override string ModelRelation(ModelNode model) => Relation(model.Name);

    public override string AuditRelation(ModelNode model) => Relation($"{model.Name}__audit");

    /// <summary>The same relation as a day's audit: a dataset holds every schema, so there is nothing to rename across.</summary>
    public override string SwapRelation(ModelNode model) => AuditRelation(model);

    /// <summary>A day's audit and a full build's are the same table of the dataset.</summary>
    public override (string Schema, string Name) AuditTable(ModelNode model, bool day) => (dataset, $"{model.Name}__audit");

    /// <summary>A table of the dataset, not a temporary one, since a temporary table lives only within one script.</summary>
    public override string IncomingRelation(ModelNode model) => Relation($"{model.Name}__incoming");

    public override string SourceRelation(string schema, string table) => Relation($"{schema}_{table}");

    public override string StringLiteral(string value) =>
        $"'{value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal)}'";

    public override string DayLiteral(string day) => $"DATE {StringLiteral(day)}";

    /// <summary>BigQuery has one integer type; its aliases <c>INTEGER</c> and <c>BIGINT</c> are unknown to ZetaSQL.</summary>
    public override string IntType => "INT64";

    public override string BigIntType => "INT64";

    public override string DoubleType => "FLOAT64";

    public override string CreateSchema(string schema) => $"CREATE SCHEMA IF NOT EXISTS `{dataset}`";

    public override string CreateOrReplaceTable(string relation, string sql, string? dayKey) =>
        dayKey is null
            ? $"CREATE OR REPLACE TABLE {relation} AS\n{sql}\n"
            : $"CREATE OR REPLACE TABLE {relation}\nPARTITION BY {dayKey} AS\n{sql}\n";

    public override string CreateIncoming(ModelNode model, string sql) => CreateOrReplaceTable(IncomingRelation(model), sql, dayKey: null);

    /// <summary>BigQuery has no <c>INSERT ... BY NAME</c>: the staged rows come from the model's own query, so their columns are the table's, in order.</summary>
    public override IReadOnlyList<string> ReplaceDay(string relation, string staged, string dayKey, string day) =>
    [
        $"DELETE FROM {relation} WHERE {dayKey} = {DayLiteral(day)} OR {dayKey} IN (SELECT DISTINCT {dayKey} FROM {staged})",
        $"INSERT INTO {relation} SELECT * FROM {staged}",
    ];

    /// <summary>
    /// A table copy replaces the published table in one atomic statement (BigQuery allows no DDL inside a transaction,
    /// so a drop and a rename could not be atomic); then the audit table is dropped.
    /// </summary>
    public override IReadOnlyList<string> SwapIn(ModelNode model, RelationKind existing)
    {
        var relation = ModelRelation(model);
        return [.. DropView(relation, existing), $"CREATE OR REPLACE TABLE {relation} COPY {SwapRelation(model)}", $"DROP TABLE {SwapRelation(model)}"];
    }

    public override string CommitTransaction => "COMMIT TRANSACTION";

    public override string DateTruncTo(string part, string expression) =>
        $"date_trunc(CAST({expression} AS DATE), {(part == "week" ? "ISOWEEK" : part.ToUpperInvariant())})";

    public override string DateDiffSeconds(string later, string earlier) => $"timestamp_diff({later}, {earlier}, SECOND)";

    public override string SafeCast(string expression, string type) => $"SAFE_CAST({expression} AS {TypeName(type)})";

    public override string ParseTimestamp(string expression) => $"safe.parse_timestamp('%Y-%m-%d %H:%M:%S', {expression})";

    /// <summary>
    /// BigQuery's <c>percentile_cont</c> is a window function only. The aggregate form interpolates by hand between the
    /// two closest ranks of the sorted values, exactly as DuckDB's <c>quantile_cont</c> does, to the last bit: position
    /// <c>fraction * (n - 1)</c>, weight <c>position - floor(position)</c>, result <c>lower * (1 - weight) + upper * weight</c>;
    /// NULL without values.
    /// </summary>
    public override string PercentileCont(string expression, string fraction, string? partitionBy)
    {
        if (partitionBy is not null)
        {
            return Over($"percentile_cont({expression}, {fraction})", partitionBy);
        }

        // A FLOAT64 fraction: a bare literal would be NUMERIC here, and exact decimal steps round differently from DuckDB's doubles.
        var position = $"CAST({fraction} AS FLOAT64) * (COUNT({expression}) - 1)";
        string Ranked(string rounding) =>
            $"ARRAY_AGG({expression} IGNORE NULLS ORDER BY {expression})[SAFE_OFFSET(CAST({rounding}({position}) AS INT64))]";
        var weight = $"({position} - FLOOR({position}))";
        return $"({Ranked("FLOOR")} * (1 - {weight}) + {Ranked("CEIL")} * {weight})";
    }

    public override string NormalizeCity(string expression) =>
        $"trim(regexp_replace(regexp_replace(normalize(lower({expression}), NFD), r'\\p{{M}}', ''), r'\\s+', ' '))";

    public override string FormatMonth(string expression) => $"format_date('%Y-%m', CAST({expression} AS DATE))";

    private string Relation(string name) => $"`{dataset}.{name}`";

    private string TypeName(string type) => type switch
    {
        "timestamp" => "TIMESTAMP",
        "date" => "DATE",
        "integer" => BigIntType,
        "decimal" => "NUMERIC",
        _ => DoubleType,
    };
}
