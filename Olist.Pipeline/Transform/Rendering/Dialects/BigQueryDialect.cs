using System.Globalization;
using Olist.Pipeline.Transform.Project;

namespace Olist.Pipeline.Transform.Rendering.Dialects;

/// <summary>
/// BigQuery standard SQL: every relation lives in one dataset, <c>`olist.stg_orders`</c>, raw tables as
/// <c>`olist.raw_orders`</c>, audit relations as <c>`olist.fact_sales__audit`</c>.
/// </summary>
internal sealed class BigQueryDialect(string dataset) : SqlDialect
{
    private const int QuantileBuckets = 1000;

    public override TargetWarehouse Target => TargetWarehouse.BigQuery;

    public override string ModelRelation(ModelNode model) => $"`{dataset}.{model.Name}`";

    public override string AuditRelation(ModelNode model) => $"`{dataset}.{model.Name}__audit`";

    public override string SourceRelation(string schema, string table) => $"`{dataset}.{schema}_{table}`";

    public override string StringLiteral(string value) =>
        $"'{value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal)}'";

    public override string CreateSchema(ModelNode model) => $"CREATE SCHEMA IF NOT EXISTS `{dataset}`;";

    public override string CreateOrReplaceView(string relation, string sql) => $"CREATE OR REPLACE VIEW {relation} AS\n{sql}\n;";

    public override string CreateOrReplaceTable(string relation, string sql, string? dayKey) =>
        dayKey is null
            ? $"CREATE OR REPLACE TABLE {relation} AS\n{sql}\n;"
            : $"CREATE OR REPLACE TABLE {relation}\nPARTITION BY {dayKey} AS\n{sql}\n;";

    public override string DateTruncTo(string part, string expression) =>
        $"date_trunc(CAST({expression} AS DATE), {(part == "week" ? "ISOWEEK" : part.ToUpperInvariant())})";

    public override string DateDiffSeconds(string later, string earlier) => $"timestamp_diff({later}, {earlier}, SECOND)";

    public override string SafeCast(string expression, string type) => $"SAFE_CAST({expression} AS {TypeName(type)})";

    public override string ParseTimestamp(string expression) => $"safe.parse_timestamp('%Y-%m-%d %H:%M:%S', {expression})";

    /// <summary>BigQuery has no exact percentile aggregate: the aggregate form is approximate, the window form is exact.</summary>
    public override string PercentileCont(string expression, string fraction, string? partitionBy)
    {
        if (partitionBy is not null)
        {
            return Over($"percentile_cont({expression}, {fraction})", partitionBy);
        }

        var offset = (int)Math.Round(decimal.Parse(fraction, CultureInfo.InvariantCulture) * QuantileBuckets);
        return $"approx_quantiles({expression}, {QuantileBuckets})[OFFSET({offset})]";
    }

    public override string NormalizeCity(string expression) =>
        $"trim(regexp_replace(regexp_replace(normalize(lower({expression}), NFD), r'\\p{{M}}', ''), r'\\s+', ' '))";

    public override string FormatMonth(string expression) => $"format_date('%Y-%m', CAST({expression} AS DATE))";

    private static string TypeName(string type) => type switch
    {
        "timestamp" => "TIMESTAMP",
        "date" => "DATE",
        "integer" => "INT64",
        "decimal" => "NUMERIC",
        _ => "FLOAT64",
    };
}
