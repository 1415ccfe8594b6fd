using DuckDB.NET.Data;
using Olist.Pipeline.Catalog;

namespace Olist.Pipeline.Warehouse.Raw;

/// <summary>
/// The <c>raw</c> schema: one table per source file holding every value as text exactly as in the file (an empty
/// field, quoted or not, is stored as NULL), plus the quarantine, the load history and the load findings.
/// </summary>
internal static class RawSchema
{
    public const string Name = "raw";
    public const string Quarantine = "_quarantine";
    public const string Loads = "_loads";
    public const string Findings = "_load_findings";

    private const string BookkeepingDdl = """
        CREATE SCHEMA IF NOT EXISTS raw;
        CREATE TABLE IF NOT EXISTS raw._quarantine (
            source_file VARCHAR NOT NULL,
            table_name VARCHAR NOT NULL,
            line_number BIGINT NOT NULL,
            reason VARCHAR NOT NULL,
            detail VARCHAR NOT NULL,
            raw_text VARCHAR NOT NULL,
            raw_bytes BLOB NOT NULL);
        CREATE TABLE IF NOT EXISTS raw._loads (
            table_name VARCHAR NOT NULL,
            source_file VARCHAR NOT NULL,
            rows_read BIGINT NOT NULL,
            rows_loaded BIGINT NOT NULL,
            rows_quarantined BIGINT NOT NULL,
            loaded_at TIMESTAMPTZ NOT NULL,
            elapsed_ms DOUBLE NOT NULL);
        CREATE TABLE IF NOT EXISTS raw._load_findings (
            table_name VARCHAR NOT NULL,
            loaded_at TIMESTAMPTZ NOT NULL,
            ordinal INTEGER NOT NULL,
            check_name VARCHAR NOT NULL,
            column_name VARCHAR,
            rows BIGINT NOT NULL,
            description VARCHAR NOT NULL);
        """;

    /// <summary>Creates the schema and its bookkeeping tables when they do not exist yet.</summary>
    public static Task EnsureAsync(DuckDBConnection connection, CancellationToken cancellationToken) =>
        Sql.ExecuteAsync(connection, BookkeepingDdl, cancellationToken);

    /// <summary>The rows <paramref name="table"/> holds now; 0 before its first load.</summary>
    public static async Task<long> RowCountAsync(DuckDBConnection connection, SourceTable table, CancellationToken cancellationToken)
    {
        var exists = await Sql.CountAsync(
            connection,
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = $schema AND table_name = $table",
            cancellationToken,
            ("schema", Name),
            ("table", table.Name)) > 0;
        return exists ? await Sql.CountAsync(connection, $"SELECT count(*) FROM {TableOf(table)}", cancellationToken) : 0;
    }

    /// <summary>The raw table's qualified, quoted name.</summary>
    public static string TableOf(SourceTable table) => $"{Name}.{Sql.Identifier(table.Name)}";

    /// <summary>The raw table's definition: the file's columns as text, then where and when each row came from.</summary>
    public static string CreateTableSql(SourceTable table) =>
        $"CREATE OR REPLACE TABLE {TableOf(table)} ({string.Join(", ", table.ColumnNames.Select(c => $"{Sql.Identifier(c)} VARCHAR"))}, "
        + "_source_file VARCHAR NOT NULL, _line_number BIGINT NOT NULL, _loaded_at TIMESTAMPTZ NOT NULL)";
}
