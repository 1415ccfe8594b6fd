using System.Globalization;
using Olist.Pipeline.Transform.Project;

namespace Olist.Pipeline.Transform.Rendering.Dialects;

/// <summary>
/// What differs between the warehouses one model source serves: relation names, literals, create statements and the
/// dialect macros (<c>normalize_city</c>, <c>safe_cast</c>, ...). Macro arguments arrive checked by <see cref="DialectMacros"/>.
/// </summary>
internal abstract class SqlDialect
{
    /// <summary>The target name, as <c>--target</c> and <c>target.type</c> spell it.</summary>
    public abstract TargetWarehouse Target { get; }

    public string Name => Target.ToString().ToLowerInvariant();

    public abstract string ModelRelation(ModelNode model);

    /// <summary>Where Write-Audit-Publish writes a model's new rows before they are tested.</summary>
    public abstract string AuditRelation(ModelNode model);

    public abstract string SourceRelation(string schema, string table);

    public abstract string StringLiteral(string value);

    /// <summary>An instant as a literal comparable with timestamp columns that hold instants (BigQuery's TIMESTAMP; standard SQL).</summary>
    public virtual string TimestampLiteral(DateTimeOffset instant) => $"TIMESTAMP '{UtcText(instant)}'";

    /// <summary>The statement creating the schema (dataset) a model lives in, when missing.</summary>
    public abstract string CreateSchema(ModelNode model);

    public abstract string CreateOrReplaceView(string relation, string sql);

    /// <summary>Creates or replaces a table from a query; incremental tables are partitioned by their day key where the warehouse supports it.</summary>
    public abstract string CreateOrReplaceTable(string relation, string sql, string? dayKey);

    /// <summary>Truncates to a day, ISO week (Monday), month, quarter or year; always a DATE.</summary>
    public abstract string DateTruncTo(string part, string expression);

    /// <summary>Whole seconds from <paramref name="earlier"/> to <paramref name="later"/>.</summary>
    public abstract string DateDiffSeconds(string later, string earlier);

    /// <summary>A cast that yields NULL instead of failing; <paramref name="type"/> is one of <see cref="DialectMacros.CastTypes"/>.</summary>
    public abstract string SafeCast(string expression, string type);

    /// <summary>Parses <c>YYYY-MM-DD HH:MM:SS</c>; NULL when the text does not parse.</summary>
    public abstract string ParseTimestamp(string expression);

    /// <summary>The interpolated percentile: an aggregate, or a window function over <paramref name="partitionBy"/> when given.</summary>
    public abstract string PercentileCont(string expression, string fraction, string? partitionBy);

    /// <summary>Lower case, diacritics removed, inner white space collapsed, trimmed.</summary>
    public abstract string NormalizeCity(string expression);

    public string IsoWeekMonday(string expression) => DateTruncTo("week", expression);

    /// <summary>The month as <c>YYYY-MM</c> text.</summary>
    public abstract string FormatMonth(string expression);

    /// <summary>An instant in UTC to the microsecond, with its offset, as timestamp literals take it.</summary>
    protected static string UtcText(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture) + "+00";

    /// <summary>Wraps a query in a window clause, shared by both dialects' percentile.</summary>
    protected static string Over(string aggregate, string? partitionBy) => partitionBy switch
    {
        null => aggregate,
        "" => $"{aggregate} OVER ()",
        _ => $"{aggregate} OVER (PARTITION BY {partitionBy})",
    };
}
