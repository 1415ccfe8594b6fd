using Olist.Pipeline.Transform.Execution;
using Olist.Pipeline.Transform.Project;

namespace Olist.Pipeline.Transform.Rendering.Dialects;

/// <summary>
/// What differs between the warehouses one model source serves: relation names, literals, the statements that build,
/// replace and publish relations, and the dialect macros (<c>normalize_city</c>, <c>safe_cast</c>, ...). Macro arguments
/// arrive checked by <see cref="DialectMacros"/>. Statements carry no closing semicolon: the engine runs them one by one,
/// and <c>compile</c> joins them into scripts.
/// </summary>
internal abstract class SqlDialect
{
    /// <summary>The target name, as <c>--target</c> and <c>target.type</c> spell it.</summary>
    public abstract TargetWarehouse Target { get; }

    public string Name => Target.ToString().ToLowerInvariant();

    public abstract string ModelRelation(ModelNode model);

    /// <summary>Where Write-Audit-Publish writes a model's rows for one day before they are tested, and keeps the rows of a failed audit.</summary>
    public abstract string AuditRelation(ModelNode model);

    /// <summary>Where Write-Audit-Publish writes a full build's rows beside the table, so publishing swaps them in without copying a row.</summary>
    public abstract string SwapRelation(ModelNode model);

    /// <summary>
    /// The schema (or dataset) and table name of a day's <see cref="AuditRelation"/> (<paramref name="day"/>) or of a full
    /// build's <see cref="SwapRelation"/>, as the warehouse's catalog lists them, to tell whether a write left it.
    /// </summary>
    public abstract (string Schema, string Name) AuditTable(ModelNode model, bool day);

    /// <summary>Where an incremental run stages the new rows of its day before they replace the day in the table.</summary>
    public abstract string IncomingRelation(ModelNode model);

    public abstract string SourceRelation(string schema, string table);

    public abstract string StringLiteral(string value);

    /// <summary>An instant as a literal comparable with timestamp columns that hold instants (BigQuery's TIMESTAMP; standard SQL).</summary>
    public virtual string TimestampLiteral(DateTimeOffset instant) => $"TIMESTAMP '{UtcText(instant)}'";

    /// <summary>A day (<c>YYYY-MM-DD</c>, already validated) compared with a DATE column.</summary>
    public abstract string DayLiteral(string day);

    /// <summary>The type name of a 32-bit integer where the warehouse has one (<c>type_int()</c>), else its only integer.</summary>
    public abstract string IntType { get; }

    /// <summary>The type name of a 64-bit integer (<c>type_bigint()</c>).</summary>
    public abstract string BigIntType { get; }

    /// <summary>The type name of a double-precision float (<c>type_double()</c>).</summary>
    public abstract string DoubleType { get; }

    /// <summary>The statement creating a schema (a dataset on BigQuery, which holds every schema) when missing.</summary>
    public abstract string CreateSchema(string schema);

    public virtual string CreateOrReplaceView(string relation, string sql) => $"CREATE OR REPLACE VIEW {relation} AS\n{sql}\n";

    /// <summary>Creates or replaces a table from a query; incremental tables are partitioned by their day key where the warehouse supports it.</summary>
    public abstract string CreateOrReplaceTable(string relation, string sql, string? dayKey);

    /// <summary>Stages the new rows of an incremental model's day in <see cref="IncomingRelation"/>.</summary>
    public abstract string CreateIncoming(ModelNode model, string sql);

    public virtual string DropTableIfExists(string relation) => $"DROP TABLE IF EXISTS {relation}";

    /// <summary>
    /// In one transaction: deletes <paramref name="day"/> and every other day <paramref name="staged"/> holds from the
    /// table, then inserts the staged rows (the statements after <see cref="BeginTransaction"/>).
    /// </summary>
    public abstract IReadOnlyList<string> ReplaceDay(string relation, string staged, string dayKey, string day);

    /// <summary>
    /// Publishes a full build audited in <see cref="SwapRelation"/>: the model's relation becomes those rows and the
    /// staged table is gone, readers seeing the old rows or the new; <paramref name="existing"/> is what the relation is now.
    /// </summary>
    public abstract IReadOnlyList<string> SwapIn(ModelNode model, RelationKind existing);

    public virtual string BeginTransaction => "BEGIN TRANSACTION";

    public abstract string CommitTransaction { get; }

    /// <summary>Truncates to a day, ISO week (Monday), month, quarter or year; always a DATE.</summary>
    public abstract string DateTruncTo(string part, string expression);

    /// <summary>Whole seconds from <paramref name="earlier"/> to <paramref name="later"/>.</summary>
    public abstract string DateDiffSeconds(string later, string earlier);

    /// <summary>A cast that yields NULL instead of failing; <paramref name="type"/> is one of <see cref="DialectMacros.CastTypes"/>.</summary>
    public abstract string SafeCast(string expression, string type);

    /// <summary>Parses <c>YYYY-MM-DD HH:MM:SS</c>; NULL when the text does not parse.</summary>
    public abstract string ParseTimestamp(string expression);

    /// <summary>
    /// The continuous percentile (linear interpolation between the closest ranks, NULLs ignored): an aggregate, or a
    /// window function over <paramref name="partitionBy"/> when given.
    /// </summary>
    public abstract string PercentileCont(string expression, string fraction, string? partitionBy);

    /// <summary>Lower case, diacritics removed, inner white space collapsed, trimmed.</summary>
    public abstract string NormalizeCity(string expression);

    public string IsoWeekMonday(string expression) => DateTruncTo("week", expression);

    /// <summary>The month as <c>YYYY-MM</c> text.</summary>
    public abstract string FormatMonth(string expression);

    /// <summary>An instant in UTC to the microsecond, with its offset, as timestamp literals take it.</summary>
    protected static string UtcText(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture) + "+00";

    /// <summary>Drops the model's relation when it is a view, since a table cannot replace a view in one statement.</summary>
    protected static IEnumerable<string> DropView(string relation, RelationKind existing) =>
        existing == RelationKind.View ? [$"DROP VIEW {relation}"] : [];

    /// <summary>Wraps a query in a window clause, shared by both dialects' percentile.</summary>
    protected static string Over(string aggregate, string? partitionBy) => partitionBy switch
    {
        null => aggregate,
        "" => $"{aggregate} OVER ()",
        _ => $"{aggregate} OVER (PARTITION BY {partitionBy})",
    };
}
