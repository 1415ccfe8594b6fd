using Olist.Pipeline.Transform.Project;

namespace Olist.Pipeline.Transform.Rendering.Dialects;

/// <summary>DuckDB: relations are <c>schema.model</c> (<c>staging.stg_orders</c>), raw tables <c>raw.orders</c>, audit <c>audit.model</c>.</summary>
internal sealed class DuckDbDialect : SqlDialect
{
    public const string AuditSchema = "audit";

    public static DuckDbDialect Instance { get; } = new();

    public override TargetWarehouse Target => TargetWarehouse.DuckDb;

    public override string ModelRelation(ModelNode model) => $"{model.Config.Schema}.{model.Name}";

    public override string AuditRelation(ModelNode model) => $"{AuditSchema}.{model.Name}";

    public override string SourceRelation(string schema, string table) => $"{schema}.{table}";

    public override string StringLiteral(string value) => $"'{value.Replace("'", "''", StringComparison.Ordinal)}'";

    /// <summary>TIMESTAMPTZ: a plain TIMESTAMP would be compared with the raw tables' instants in the session's time zone.</summary>
    public override string TimestampLiteral(DateTimeOffset instant) => $"TIMESTAMPTZ '{UtcText(instant)}'";

    public override string CreateSchema(ModelNode model) => $"CREATE SCHEMA IF NOT EXISTS {model.Config.Schema};";

    public override string CreateOrReplaceView(string relation, string sql) => $"CREATE OR REPLACE VIEW {relation} AS\n{sql}\n;";

    public override string CreateOrReplaceTable(string relation, string sql, string? dayKey) => $"CREATE OR REPLACE TABLE {relation} AS\n{sql}\n;";

    public override string DateTruncTo(string part, string expression) => $"CAST(date_trunc('{part}', {expression}) AS DATE)";

    public override string DateDiffSeconds(string later, string earlier) => $"date_diff('second', {earlier}, {later})";

    public override string SafeCast(string expression, string type) => $"TRY_CAST({expression} AS {TypeName(type)})";

    public override string ParseTimestamp(string expression) => $"try_strptime({expression}, '%Y-%m-%d %H:%M:%S')";

    public override string PercentileCont(string expression, string fraction, string? partitionBy) =>
        Over($"quantile_cont({expression}, {fraction})", partitionBy);

    public override string NormalizeCity(string expression) => $"trim(regexp_replace(strip_accents(lower({expression})), '\\s+', ' ', 'g'))";

    public override string FormatMonth(string expression) => $"strftime({expression}, '%Y-%m')";

    private static string TypeName(string type) => type switch
    {
        "timestamp" => "TIMESTAMP",
        "date" => "DATE",
        "integer" => "BIGINT",
        "decimal" => "DECIMAL(18, 2)",
        _ => "DOUBLE",
    };
}
