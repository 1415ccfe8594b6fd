using Olist.Pipeline.Warehouse.Raw;

namespace Olist.Pipeline.Gcp.BigQuery;

/// <summary>
/// The live stream's tables in the BigQuery warehouse's dataset, from the DuckDB warehouse's own definitions
/// (<see cref="StreamTables"/>): the four data tables staging unions with the batch rows, the dead letters with their
/// bytes and reason, and the outcomes of the messages not accepted. Together they are a micro-batch's whole outcome.
/// </summary>
public static class BigQueryStreamTables
{
    /// <summary>Each table's id in the dataset (<c>raw_stream_orders</c> for <c>raw.stream_orders</c>) and its fields, data tables first.</summary>
    public static IReadOnlyList<(string Table, IReadOnlyList<TableFieldSchema> Fields)> All { get; } =
        [.. StreamTables.DataTableDefinitions.Concat(StreamTables.OutcomeTableDefinitions).Select(d => (TableId(d.Table), BigQuerySchemas.FromDuckDb(d.Columns)))];

    /// <summary><c>raw.stream_orders</c> as the BigQuery dialect names it: <c>raw_stream_orders</c>.</summary>
    public static string TableId(string qualified)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(qualified);
        return qualified.Replace('.', '_');
    }

    /// <summary>Creates the dataset and every stream table that is missing; the ones there are kept as they are.</summary>
    public static async Task EnsureAsync(BigQueryClient client, BigQueryWarehouse warehouse, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(warehouse);
        await client.CreateDatasetAsync(warehouse.Dataset, cancellationToken);
        foreach (var (table, fields) in All)
        {
            await client.CreateTableAsync(
                new BigQueryTable { TableReference = new TableReference(warehouse.Options.ProjectId!, warehouse.Dataset, table), Schema = new TableSchema(fields) },
                cancellationToken);
        }
    }
}
