using System.Globalization;
using DuckDB.NET.Data;
using Olist.Pipeline.Streaming.Bus;

namespace Olist.Pipeline.Streaming.Consuming;

/// <summary>
/// Writes a judged micro-batch in one warehouse transaction: the accepted events' rows, the dead letters and one
/// ledger row per message. Either all of it is committed or none of it, so a message's outcome is stored exactly once.
/// </summary>
internal static class StreamBatchWriter
{
    public static async Task WriteAsync(DuckDBConnection connection, BatchPlan plan, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        WriteOrders(connection, plan, receivedAt);
        WriteItems(connection, plan, receivedAt);
        WritePayments(connection, plan, receivedAt);
        WriteCustomers(connection, plan, receivedAt);
        WriteDeadLetters(connection, plan, receivedAt);
        WriteLedger(connection, plan, receivedAt);
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

            Provenance(row, accepted, receivedAt);
        }
    }

    private static void WriteItems(DuckDBConnection connection, BatchPlan plan, DateTimeOffset receivedAt)
    {
        using var appender = Open(connection, StreamTables.OrderItems);
        foreach (var accepted in plan.Accepted)
        {
            foreach (var item in accepted.Event.Items)
            {
                var row = appender.CreateRow();
                Text(row, item.OrderId);
                Text(row, Whole(item.OrderItemId));
                Text(row, item.ProductId);
                Text(row, item.SellerId);
                Text(row, Contract.SaoPauloTime.ToBatchText(item.ShippingLimitDate));
                Text(row, Money(item.Price));
                Text(row, Money(item.FreightValue));
                Provenance(row, accepted, receivedAt);
            }
        }
    }

    private static void WritePayments(DuckDBConnection connection, BatchPlan plan, DateTimeOffset receivedAt)
    {
        using var appender = Open(connection, StreamTables.OrderPayments);
        foreach (var accepted in plan.Accepted)
        {
            foreach (var payment in accepted.Event.Payments)
            {
                var row = appender.CreateRow();
                Text(row, payment.OrderId);
                Text(row, Whole(payment.PaymentSequential));
                Text(row, payment.PaymentType);
                Text(row, Whole(payment.PaymentInstallments));
                Text(row, Money(payment.PaymentValue));
                Provenance(row, accepted, receivedAt);
            }
        }
    }

    private static void WriteCustomers(DuckDBConnection connection, BatchPlan plan, DateTimeOffset receivedAt)
    {
        using var appender = Open(connection, StreamTables.Customers);
        foreach (var accepted in plan.Accepted.Where(a => a.WritesCustomer))
        {
            var customer = accepted.Event.Customer!;
            var row = appender.CreateRow();
            Text(row, customer.CustomerId);
            Text(row, customer.CustomerUniqueId);
            Text(row, customer.ZipCodePrefix);
            Text(row, customer.City);
            Text(row, customer.State);
            Provenance(row, accepted, receivedAt);
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

    private static void WriteLedger(DuckDBConnection connection, BatchPlan plan, DateTimeOffset receivedAt)
    {
        using var appender = Open(connection, StreamTables.Messages);
        foreach (var accepted in plan.Accepted)
        {
            Ledger(appender, accepted.Message, accepted.Event.EventKey, MessageOutcomes.Accepted, null, accepted.Event.HasPaymentMismatch, receivedAt);
        }

        foreach (var duplicate in plan.Duplicates)
        {
            Ledger(appender, duplicate.Message, duplicate.EventKey, MessageOutcomes.Duplicate, null, false, receivedAt);
        }

        foreach (var deadLetter in plan.DeadLetters)
        {
            Ledger(appender, deadLetter.Message, null, MessageOutcomes.DeadLettered, deadLetter.Rejection.Reason, false, receivedAt);
        }
    }

    private static void Ledger(
        DuckDBAppender appender, BusMessage message, string? eventKey, string outcome, string? reason, bool paymentMismatch, DateTimeOffset handledAt)
    {
        var row = appender.CreateRow().AppendValue(message.MessageId);
        Text(row, eventKey);
        row.AppendValue(outcome);
        Text(row, reason);
        row.AppendValue(paymentMismatch)
            .AppendValue(message.DeliveryAttempt)
            .AppendValue(message.PublishedAt)
            .AppendValue(handledAt)
            .EndRow();
    }

    private static void Provenance(IDuckDBAppenderRow row, AcceptedEvent accepted, DateTimeOffset receivedAt) =>
        row.AppendValue(accepted.Event.EventKey)
            .AppendValue(accepted.Message.MessageId)
            .AppendValue(accepted.Event.EventType)
            .AppendValue(accepted.Event.Timestamp)
            .AppendValue(receivedAt)
            .EndRow();

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

    private static string Whole(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Money(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}
