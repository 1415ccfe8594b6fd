using DuckDB.NET.Data;
using Olist.Pipeline.Streaming.Bus;
using Olist.Pipeline.Warehouse.Raw;

namespace Olist.Pipeline.Streaming.Consuming;

/// <summary>
/// Writes a judged micro-batch in one warehouse transaction: the accepted events' rows (the order row doubling as the
/// message's outcome), the dead letters and an outcome row per other message. Either all of it is committed or none
/// of it, so a message's outcome is stored exactly once.
/// </summary>
internal static class StreamBatchWriter
{
    public static async Task WriteAsync(DuckDBConnection connection, BatchPlan plan, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        // An appender costs a catalog lookup and a data chunk even when it writes nothing; most batches of a live
        // trickle hold only status changes, so only the tables that get rows are opened.
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (plan.Accepted.Count > 0)
        {
            WriteOrders(connection, plan, receivedAt);
            WriteItems(connection, plan, receivedAt);
            WritePayments(connection, plan, receivedAt);
            WriteCustomers(connection, plan, receivedAt);
        }

        if (plan.DeadLetters.Count > 0)
        {
            WriteDeadLetters(connection, plan, receivedAt);
        }

        if (plan.Duplicates.Count + plan.DeadLetters.Count > 0)
        {
            WriteOutcomes(connection, plan, receivedAt);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static void WriteOrders(DuckDBConnection connection, BatchPlan plan, DateTimeOffset receivedAt)
    {
        using var appender = Open(connection, StreamTables.Orders);
        foreach (var accepted in plan.Accepted)
        {
            var row = appender.CreateRow();
            foreach (var value in accepted.Order.Columns())
            {
                Text(row, value);
            }

            var facts = Provenance(row, accepted, receivedAt)
                .AppendValue(accepted.Event.HasPaymentMismatch)
                .AppendValue(accepted.Message.DeliveryAttempt);
            Ordering(facts, accepted, plan.Commit).EndRow();
        }
    }

    private static void WriteItems(DuckDBConnection connection, BatchPlan plan, DateTimeOffset receivedAt) =>
        WriteRows(connection, StreamTables.OrderItems, plan.Accepted, a => a.Rows.Items, receivedAt, plan.Commit);

    private static void WritePayments(DuckDBConnection connection, BatchPlan plan, DateTimeOffset receivedAt) =>
        WriteRows(connection, StreamTables.OrderPayments, plan.Accepted, a => a.Rows.Payments, receivedAt, plan.Commit);

    private static void WriteCustomers(DuckDBConnection connection, BatchPlan plan, DateTimeOffset receivedAt) =>
        WriteRows(connection, StreamTables.Customers, plan.Accepted.Where(a => a.WritesCustomer), a => [a.Rows.Customer!], receivedAt, plan.Commit);

    private static void WriteRows(
        DuckDBConnection connection, string table, IEnumerable<Verdict.Accepted> accepted, Func<Verdict.Accepted, string?[][]> rowsOf, DateTimeOffset receivedAt, long commit)
    {
        if (!accepted.Any(a => rowsOf(a).Length > 0))
        {
            return;
        }

        using var appender = Open(connection, table);
        foreach (var acceptedEvent in accepted)
        {
            foreach (var values in rowsOf(acceptedEvent))
            {
                var row = appender.CreateRow();
                foreach (var value in values)
                {
                    Text(row, value);
                }

                Ordering(Provenance(row, acceptedEvent, receivedAt), acceptedEvent, commit).EndRow();
            }
        }
    }

    private static void WriteDeadLetters(DuckDBConnection connection, BatchPlan plan, DateTimeOffset receivedAt)
    {
        using var appender = Open(connection, StreamTables.DeadLetters);
        foreach (var deadLetter in plan.DeadLetters)
        {
            var message = deadLetter.Message;
            var row = appender.CreateRow()
                .AppendValue(message.MessageId)
                .AppendValue(deadLetter.Rejection.Reason)
                .AppendValue(deadLetter.Rejection.Detail)
                .AppendValue(message.Body.ToArray())
                .AppendValue(message.DeliveryAttempt)
                .AppendValue(message.PublishedAt)
                .AppendValue(receivedAt);
            Text(row, deadLetter.ReplayOf == message.MessageId ? null : deadLetter.ReplayOf);
            row.AppendNullValue().AppendNullValue().EndRow();
        }
    }

    private static void WriteOutcomes(DuckDBConnection connection, BatchPlan plan, DateTimeOffset receivedAt)
    {
        using var appender = Open(connection, StreamTables.Outcomes);
        foreach (var duplicate in plan.Duplicates)
        {
            Outcome(appender, duplicate.Message, duplicate.EventKey, MessageOutcomes.Duplicate, null, receivedAt);
        }

        foreach (var deadLetter in plan.DeadLetters)
        {
            Outcome(appender, deadLetter.Message, null, MessageOutcomes.DeadLettered, deadLetter.Rejection.Reason, receivedAt);
        }
    }

    private static void Outcome(DuckDBAppender appender, BusMessage message, string? eventKey, string outcome, string? reason, DateTimeOffset handledAt)
    {
        var row = appender.CreateRow().AppendValue(message.MessageId);
        Text(row, eventKey);
        row.AppendValue(outcome);
        Text(row, reason);
        row.AppendValue(message.DeliveryAttempt)
            .AppendValue(message.PublishedAt)
            .AppendValue(handledAt)
            .EndRow();
    }

    private static IDuckDBAppenderRow Provenance(IDuckDBAppenderRow row, Verdict.Accepted accepted, DateTimeOffset receivedAt) =>
        row.AppendValue(accepted.Event.EventKey)
            .AppendValue(accepted.Message.MessageId)
            .AppendValue(accepted.Event.EventType)
            .AppendValue(accepted.Event.Timestamp)
            .AppendValue(receivedAt);

    /// <summary>The event's publish order and the commit writing it, last in every data row.</summary>
    private static IDuckDBAppenderRow Ordering(IDuckDBAppenderRow row, Verdict.Accepted accepted, long commit) =>
        row.AppendValue(accepted.Message.PublishedAt)
            .AppendValue(accepted.Message.PublishSequence)
            .AppendValue(commit);

    private static DuckDBAppender Open(DuckDBConnection connection, string qualifiedTable)
    {
        var dot = qualifiedTable.IndexOf('.', StringComparison.Ordinal);
        return connection.CreateAppender(qualifiedTable[..dot], qualifiedTable[(dot + 1)..]);
    }

    private static void Text(IDuckDBAppenderRow row, string? value)
    {
        if (value is null)
        {
            row.AppendNullValue();
        }
        else
        {
            row.AppendValue(value);
        }
    }
}
