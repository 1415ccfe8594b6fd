using Olist.Pipeline.Transform.Execution;
using Olist.Pipeline.Transform.Project;

namespace Olist.Pipeline.Transform.Rendering.Dialects;

/// <summary>
/// DuckDB: relations are <c>schema.model</c> (<c>staging.stg_orders</c>), raw tables <c>raw.orders</c>, a day's audit
/// <c>audit.model</c>, a full build's audit <c>schema.model__audit</c> (DuckDB renames a table only within its schema).
/// </summary>
internal sealed class DuckDbDialect : SqlDialect
{
    public const string AuditSchema = "audit";

    public static DuckDbDialect Instance { get; } = new();

    public override TargetWarehouse Target => TargetWarehouse.DuckDb;

    public override string ModelRelation(ModelNode model) => $"{model.Config.Schema}.{model.Name}";

    public override string AuditRelation(ModelNode model) => $"{AuditSchema}.{model.Name}";

    public override string SwapRelation(ModelNode model) => $"{model.Config.Schema}.{SwapName(model)}";

    public override (string Schema, string Name) AuditTable(ModelNode model, bool day) =>
        day ? (AuditSchema, model.Name) : (model.Config.Schema, SwapName(model));

    public override string IncomingRelation(ModelNode model) => $"temp.main.{IncomingName(model)}";

    public override string SourceRelation(string schema, string table) => $"{schema}.{table}";

    public override string StringLiteral(string value) => $"'{value.Replace("'", "''", StringComparison.Ordinal)}'";

    /// <summary>TIMESTAMPTZ: a plain TIMESTAMP would be compared with the raw tables' instants in the session's time zone.</summary>
    public override string TimestampLiteral(DateTimeOffset instant) => $"TIMESTAMPTZ '{UtcText(instant)}'";

    public override string DayLiteral(string day) => StringLiteral(day);

    public override string IntType => "INTEGER";

    public override string BigIntType => "BIGINT";

    public override string DoubleType => "DOUBLE";

    public override string CreateSchema(string schema) => $"CREATE SCHEMA IF NOT EXISTS {schema}";

    public override string CreateOrReplaceTable(string relation, string sql, string? dayKey) => $"CREATE OR REPLACE TABLE {relation} AS\n{sql}\n";

    public override string CreateIncoming(ModelNode model, string sql) => $"CREATE OR REPLACE TEMP TABLE {IncomingName(model)} AS\n{sql}\n";

    public override IReadOnlyList<string> ReplaceDay(string relation, string staged, string dayKey, string day) =>
    [
        $"DELETE FROM {relation} WHERE {dayKey} = {DayLiteral(day)} OR {dayKey} IN (SELECT DISTINCT {dayKey} FROM {staged})",
        $"INSERT INTO {relation} BY NAME SELECT * FROM {staged}",
    ];

    /// <summary>A drop and a rename in one transaction: no row is copied.</summary>
    public override IReadOnlyList<string> SwapIn(ModelNode model, RelationKind existing)
    {
        var relation = ModelRelation(model);
        var dropOld = existing == RelationKind.Table ? [$"DROP TABLE {relation}"] : DropView(relation, existing);
        return [.. dropOld, $"ALTER TABLE {SwapRelation(model)} RENAME TO {model.Name}"];
    }

    public override string CommitTransaction => "COMMIT";

    public override string DateTruncTo(string part, string expression) => $"CAST(date_trunc('{part}', {expression}) AS DATE)";

    public override string DateDiffSeconds(string later, string earlier) => $"date_diff('second', {earlier}, {later})";

    public override string SafeCast(string expression, string type) => $"TRY_CAST({expression} AS {TypeName(type)})";

    public override string ParseTimestamp(string expression) => $"try_strptime({expression}, '%Y-%m-%d %H:%M:%S')";

    public override string PercentileCont(string expression, string fraction, string? partitionBy) =>
        Over($"quantile_cont({expression}, {fraction})", partitionBy);

    public override string NormalizeCity(string expression) => $"trim(regexp_replace(strip_accents(lower({expression})), '\\s+', ' ', 'g'))";

    public override string FormatMonth(string expression) => $"strftime({expression}, '%Y-%m')";

    private static string SwapName(ModelNode model) => $"{model.Name}__audit";

    private static string IncomingName(ModelNode model) => $"\"__incoming_{model.Name}\"";

    private string TypeName(string type) => type switch
    {
        "timestamp" => "TIMESTAMP",
        "date" => "DATE",
        "integer" => BigIntType,
        "decimal" => "DECIMAL(18, 2)",
        _ => DoubleType,
    };
}
