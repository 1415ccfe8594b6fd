using Olist.Pipeline.Gcp.BigQuery;
using Olist.Pipeline.Warehouse.Raw;

namespace Olist.Pipeline.Streaming.Consuming;

/// <summary>
/// Writes a judged micro-batch's accepted events into the BigQuery warehouse's stream tables so that a crash between the
/// write and the acknowledgement writes nothing twice: each table's rows go up by a load job into a table of this commit,
/// then one transaction MERGEs every table on <c>message_id</c>, inserting only the rows of messages the table does not
/// hold yet. The redelivered messages of a batch that was written but not acknowledged match and add nothing; a batch
/// whose transaction failed added nothing and is written in full. insertAll's best-effort dedup (a minute or so) is not
/// relied on.
/// </summary>
internal sealed class BigQueryStreamBatchWriter(BigQueryWarehouse warehouse)
{
    private static readonly Dictionary<string, IReadOnlyList<TableFieldSchema>> Schemas =
        StreamTables.DataTableDefinitions.ToDictionary(d => d.Table, d => BigQuerySchemas.FromDuckDb(d.Columns), StringComparer.Ordinal);

    /// <summary>Writes the accepted events of <paramref name="plan"/>; returns the tables that got rows (none when nothing was accepted).</summary>
    public async Task<IReadOnlyList<string>> WriteAsync(BatchPlan plan, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var batches = Rows(plan, receivedAt).Where(b => b.Rows.Count > 0).ToList();
        if (batches.Count == 0)
        {
            return [];
        }

        var client = await warehouse.ClientAsync(cancellationToken);
        var staged = batches.Select(b => (b.Table, Staged: $"{TableId(b.Table)}__commit_{plan.Commit.ToString(CultureInfo.InvariantCulture)}", b.Rows)).ToList();
        try
        {
            foreach (var (table, stagedTable, rows) in staged)
            {
                using var json = new MemoryStream(NewlineDelimitedJson(Schemas[table], rows));
                await client.UploadAsync(Load(stagedTable, Schemas[table]), json, "application/x-ndjson", cancellationToken);
            }

            var merges = staged.Select(s =>
                $"MERGE {Relation(TableId(s.Table))} AS target USING {Relation(s.Staged)} AS batch ON target.message_id = batch.message_id WHEN NOT MATCHED THEN INSERT ROW");
            await client.QueryAsync($"BEGIN TRANSACTION;\n{string.Concat(merges.Select(m => $"{m};\n"))}COMMIT TRANSACTION;", parameters: null, queryOptions: null, cancellationToken);
            return [.. staged.Select(s => TableId(s.Table))];
        }
        finally
        {
            foreach (var (_, stagedTable, _) in staged)
            {
                await client.DeleteTableAsync(warehouse.Dataset, stagedTable, CancellationToken.None);
            }
        }
    }

    /// <summary>Each data table's rows in its column order, as the DuckDB writer appends them.</summary>
    private static IEnumerable<(string Table, List<object?[]> Rows)> Rows(BatchPlan plan, DateTimeOffset receivedAt)
    {
        yield return (StreamTables.Orders, [.. plan.Accepted.Select(a => (object?[])[
            .. a.Order.Columns(), .. Provenance(a, receivedAt), a.Event.HasPaymentMismatch, a.Message.DeliveryAttempt, .. Ordering(a, plan.Commit)])]);
        yield return (StreamTables.OrderItems, DataRows(plan.Accepted, a => a.Rows.Items, receivedAt, plan.Commit));
        yield return (StreamTables.OrderPayments, DataRows(plan.Accepted, a => a.Rows.Payments, receivedAt, plan.Commit));
        yield return (StreamTables.Customers, DataRows(plan.Accepted.Where(a => a.WritesCustomer), a => [a.Rows.Customer!], receivedAt, plan.Commit));
    }

    private static List<object?[]> DataRows(IEnumerable<Verdict.Accepted> accepted, Func<Verdict.Accepted, string?[][]> rowsOf, DateTimeOffset receivedAt, long commit) =>
        [.. accepted.SelectMany(a => rowsOf(a).Select(values => (object?[])[.. values, .. Provenance(a, receivedAt), .. Ordering(a, commit)]))];

    private static object?[] Provenance(Verdict.Accepted accepted, DateTimeOffset receivedAt) =>
        [accepted.Event.EventKey, accepted.Message.MessageId, accepted.Event.EventType, accepted.Event.Timestamp, receivedAt];

    private static object?[] Ordering(Verdict.Accepted accepted, long commit) => [accepted.Message.PublishedAt, accepted.Message.PublishSequence, commit];

    /// <summary>One JSON object per row, named by the table's columns: instants as BigQuery's TIMESTAMP text, integers as strings.</summary>
    private static byte[] NewlineDelimitedJson(IReadOnlyList<TableFieldSchema> fields, List<object?[]> rows) => JsonLines.Of(rows, (json, row) =>
    {
        for (var i = 0; i < fields.Count; i++)
        {
            json.WritePropertyName(fields[i].Name);
            switch (row[i])
            {
                case null:
                    json.WriteNullValue();
                    break;
                case bool flag:
                    json.WriteBooleanValue(flag);
                    break;
                case DateTimeOffset instant:
                    json.WriteStringValue(BigQueryParameter.TimestampText(instant));
                    break;
                case var value:
                    json.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                    break;
            }
        }
    });

    private JobConfigurationLoad Load(string table, IReadOnlyList<TableFieldSchema> fields) => new()
    {
        DestinationTable = new TableReference(warehouse.Options.ProjectId!, warehouse.Dataset, table),
        SourceFormat = "NEWLINE_DELIMITED_JSON",
        Schema = new TableSchema(fields),
        MaxBadRecords = 0,
        WriteDisposition = "WRITE_TRUNCATE",
        CreateDisposition = "CREATE_IF_NEEDED",
    };

    /// <summary><c>raw.stream_orders</c> as the BigQuery dialect names it: <c>raw_stream_orders</c>.</summary>
    private static string TableId(string qualified) => qualified.Replace('.', '_');

    private string Relation(string table) => $"`{warehouse.Dataset}.{table}`";
}
