using Olist.Pipeline.Catalog;
using Olist.Pipeline.Ingestion;
using Olist.Pipeline.Warehouse.Raw;

namespace Olist.Pipeline.Gcp.BigQuery;

/// <summary>
/// The latest load of each source table from the BigQuery warehouse's load history (<c>raw__loads</c>); no history yet
/// (the table is not there) reads as nothing loaded. The DuckDB loader's quality findings are not computed on BigQuery.
/// </summary>
public sealed class BigQuerySourceStatusReader(BigQueryWarehouse warehouse) : ISourceStatusReader
{
    public async Task<IReadOnlyList<SourceTableStatus>> ReadAsync(CancellationToken cancellationToken)
    {
        var client = await warehouse.ClientAsync(cancellationToken);
        var loads = new Dictionary<string, SourceTableStatus>(StringComparer.Ordinal);
        var history = $"{RawSchema.Name}_{RawSchema.Loads}";
        if (await client.GetTableAsync(warehouse.Dataset, history, cancellationToken) is not null)
        {
            var latest = await client.QueryAsync(
                $"SELECT table_name, source_file, rows_loaded, rows_quarantined, loaded_at FROM {warehouse.Relation(history)} "
                + "WHERE TRUE QUALIFY row_number() OVER (PARTITION BY table_name ORDER BY loaded_at DESC) = 1",
                parameters: null,
                queryOptions: null,
                cancellationToken);
            foreach (var row in latest.Rows)
            {
                var table = (string)row[0]!;
                loads[table] = new SourceTableStatus(table, (string?)row[1], (long)row[2]!, (long)row[3]!, (DateTimeOffset?)row[4], []);
            }
        }

        return [.. OlistCatalog.Tables.Select(table => loads.GetValueOrDefault(table.Name) ?? new SourceTableStatus(table.Name, null, 0, 0, null, []))];
    }
}
