using DuckDB.NET.Data;
using Olist.Pipeline.Catalog;
using Olist.Pipeline.Warehouse;
using Olist.Pipeline.Warehouse.Raw;

namespace Olist.Pipeline.Ingestion;

/// <summary>Reads, per source table, what the latest load brought: rows, quarantine, time and quality findings.</summary>
public sealed class SourceStatusReader(DuckDbWarehouse warehouse) : ISourceStatusReader
{
    private const string LatestLoadsSql = """
        SELECT table_name, source_file, rows_loaded, rows_quarantined, epoch_us(loaded_at)
        FROM raw._loads
        QUALIFY row_number() OVER (PARTITION BY table_name ORDER BY loaded_at DESC, rowid DESC) = 1
        """;

    private const string FindingsSql = "SELECT table_name, check_name, rows, description FROM raw._load_findings ORDER BY table_name, ordinal";

    /// <summary>One status per catalog table, in catalog order; tables never loaded have no file and no load time.</summary>
    public async Task<IReadOnlyList<SourceTableStatus>> ReadAsync(CancellationToken cancellationToken)
    {
        await using var connection = await warehouse.OpenAsync(cancellationToken);
        var loads = new Dictionary<string, SourceTableStatus>(StringComparer.Ordinal);
        var findings = new Dictionary<string, List<QualityFinding>>(StringComparer.Ordinal);
        if (await HasLoadHistoryAsync(connection, cancellationToken))
        {
            await ReadLatestLoadsAsync(connection, loads, cancellationToken);
            await ReadFindingsAsync(connection, findings, cancellationToken);
        }

        return OlistCatalog.Tables
            .Select(table => (loads.GetValueOrDefault(table.Name) ?? new SourceTableStatus(table.Name, null, 0, 0, null, []))
                with { Findings = findings.GetValueOrDefault(table.Name) ?? [] })
            .ToList();
    }

    private static async Task<bool> HasLoadHistoryAsync(DuckDBConnection connection, CancellationToken cancellationToken) =>
        await Sql.CountAsync(
            connection,
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = $schema AND table_name IN ($loads, $findings)",
            cancellationToken,
            ("schema", RawSchema.Name),
            ("loads", RawSchema.Loads),
            ("findings", RawSchema.Findings)) == 2;

    private static async Task ReadLatestLoadsAsync(DuckDBConnection connection, Dictionary<string, SourceTableStatus> loads, CancellationToken cancellationToken)
    {
        await Sql.ReadAsync(
            connection,
            LatestLoadsSql,
            reader => loads[reader.GetString(0)] = new SourceTableStatus(
                reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3), Sql.FromMicroseconds(reader.GetInt64(4)), []),
            cancellationToken);
    }

    private static async Task ReadFindingsAsync(DuckDBConnection connection, Dictionary<string, List<QualityFinding>> findings, CancellationToken cancellationToken)
    {
        await Sql.ReadAsync(connection, FindingsSql, reader =>
        {
            var table = reader.GetString(0);
            if (!findings.TryGetValue(table, out var list))
            {
                list = [];
                findings[table] = list;
            }

            list.Add(new QualityFinding(reader.GetString(1), reader.GetInt64(2), reader.GetString(3)));
        }, cancellationToken);
    }
}
