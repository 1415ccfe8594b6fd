using Olist.Pipeline.Gcp.BigQuery;
using Olist.Pipeline.Streaming.Bus;
using Olist.Pipeline.Warehouse.Raw;

namespace Olist.Pipeline.Streaming.Consuming;

/// <summary>
/// Writes a judged micro-batch's whole outcome into the BigQuery warehouse's stream tables (the accepted events' rows,
/// the dead letters with their bytes and reason, the outcome of every other message) so that a crash between the write
/// and the acknowledgement writes nothing twice and loses nothing: each table's rows go up by a load job into a table of
/// this commit, then ONE multi-statement transaction MERGEs every table on <c>message_id</c>, inserting only the rows of
/// messages the table does not hold yet. The redelivered messages of a batch that was written but not acknowledged match
/// and add nothing; a batch whose transaction failed added nothing and is written in full. insertAll's best-effort dedup
/// (a minute or so) is not relied on.
/// </summary>
internal sealed class BigQueryStreamBatchWriter(BigQueryWarehouse warehouse)
{
    private static readonly Dictionary<string, IReadOnlyList<TableFieldSchema>> Schemas =
        BigQueryStreamTables.All.ToDictionary(t => t.Table, t => t.Fields, StringComparer.Ordinal);

    private volatile bool _tablesEnsured;

    /// <summary>Writes <paramref name="plan"/>'s outcome; returns the tables that got rows (none when the batch has no outcome).</summary>
    public async Task<IReadOnlyList<string>> WriteAsync(BatchPlan plan, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var batches = Rows(plan, receivedAt).Where(b => b.Rows.Count > 0).ToList();
        if (batches.Count == 0)
        {
            return [];
        }

        var client = await warehouse.ClientAsync(cancellationToken);
        if (!_tablesEnsured)
        {
            // A dataset the loader filled before dead letters and outcomes moved to BigQuery lacks their tables; creating
            // what is missing once per process keeps the MERGEs from failing on them.
            await BigQueryStreamTables.EnsureAsync(client, warehouse, cancellationToken);
            _tablesEnsured = true;
        }

        var staged = batches.Select(b => (b.Table, Staged: $"{b.Table}__commit_{plan.Commit.ToString(CultureInfo.InvariantCulture)}", b.Rows)).ToList();
        try
        {
            foreach (var (table, stagedTable, rows) in staged)
            {
                using var json = new MemoryStream(NewlineDelimitedJson(Schemas[table], rows));
                await client.UploadAsync(Load(stagedTable, Schemas[table]), json, "application/x-ndjson", cancellationToken);
            }

            var merges = staged.Select(s =>
                $"MERGE INTO {warehouse.Relation(s.Table)} AS target USING {warehouse.Relation(s.Staged)} AS batch ON target.message_id = batch.message_id WHEN NOT MATCHED THEN INSERT ROW");
            await client.QueryAsync($"BEGIN TRANSACTION;\n{string.Concat(merges.Select(m => $"{m};\n"))}COMMIT TRANSACTION;", parameters: null, queryOptions: null, cancellationToken);
            return [.. staged.Select(s => s.Table)];
        }
        finally
        {
            foreach (var (_, stagedTable, _) in staged)
            {
                await client.DeleteTableAsync(warehouse.Dataset, stagedTable, CancellationToken.None);
            }
        }
    }

    /// <summary>Each table's rows in its column order, as the DuckDB writer appends them, under the table's BigQuery id.</summary>
    private static IEnumerable<(string Table, List<object?[]> Rows)> Rows(BatchPlan plan, DateTimeOffset receivedAt) =>
        LocalRows(plan, receivedAt).Select(t => (BigQueryStreamTables.TableId(t.Table), t.Rows));

    private static IEnumerable<(string Table, List<object?[]> Rows)> LocalRows(BatchPlan plan, DateTimeOffset receivedAt)
    {
        yield return (StreamTables.Orders, [.. plan.Accepted.Select(a => (object?[])[
            .. a.Order.Columns(), .. Provenance(a, receivedAt), a.Event.HasPaymentMismatch, a.Message.DeliveryAttempt, .. Ordering(a, plan.Commit)])]);
        yield return (StreamTables.OrderItems, DataRows(plan.Accepted, a => a.Rows.Items, receivedAt, plan.Commit));
        yield return (StreamTables.OrderPayments, DataRows(plan.Accepted, a => a.Rows.Payments, receivedAt, plan.Commit));
        yield return (StreamTables.Customers, DataRows(plan.Accepted.Where(a => a.WritesCustomer), a => [a.Rows.Customer!], receivedAt, plan.Commit));
        yield return (StreamTables.DeadLetters, [.. plan.DeadLetters.Select(d => (object?[])[
            d.Message.MessageId, d.Rejection.Reason, d.Rejection.Detail, d.Message.Body.ToArray(), d.Message.DeliveryAttempt, d.Message.PublishedAt, receivedAt,
            d.ReplayOf == d.Message.MessageId ? null : d.ReplayOf, null, null])]);
        yield return (StreamTables.Outcomes, [
            .. plan.Duplicates.Select(d => Outcome(d.Message, d.EventKey, MessageOutcomes.Duplicate, null, receivedAt)),
            .. plan.DeadLetters.Select(d => Outcome(d.Message, null, MessageOutcomes.DeadLettered, d.Rejection.Reason, receivedAt))]);
    }

    private static object?[] Outcome(BusMessage message, string? eventKey, string outcome, string? reason, DateTimeOffset handledAt) =>
        [message.MessageId, eventKey, outcome, reason, message.DeliveryAttempt, message.PublishedAt, handledAt];

    private static List<object?[]> DataRows(IEnumerable<Verdict.Accepted> accepted, Func<Verdict.Accepted, string?[][]> rowsOf, DateTimeOffset receivedAt, long commit) =>
        [.. accepted.SelectMany(a => rowsOf(a).Select(values => (object?[])[.. values, .. Provenance(a, receivedAt), .. Ordering(a, commit)]))];

    private static object?[] Provenance(Verdict.Accepted accepted, DateTimeOffset receivedAt) =>
        [accepted.Event.EventKey, accepted.Message.MessageId, accepted.Event.EventType, accepted.Event.Timestamp, receivedAt];

    private static object?[] Ordering(Verdict.Accepted accepted, long commit) => [accepted.Message.PublishedAt, accepted.Message.PublishSequence, commit];

    /// <summary>One JSON object per row, named by the table's columns: instants as BigQuery's TIMESTAMP text, bytes as base64, integers as strings.</summary>
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
                case byte[] bytes:
                    json.WriteBase64StringValue(bytes);
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

}
