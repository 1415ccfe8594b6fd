using System.Threading.Channels;
using DuckDB.NET.Data;
using Olist.Pipeline.Gcp.BigQuery;
using Olist.Pipeline.Streaming.Bus;
using Olist.Pipeline.Streaming.DeadLetters;
using Olist.Pipeline.Warehouse;
using Olist.Pipeline.Warehouse.Raw;

namespace Olist.Pipeline.Streaming.Consuming;

/// <summary>
/// The stream's consumer: pulls micro-batches, decodes, validates and dedupes them, writes their outcome in one
/// warehouse transaction, tells the sinks, and only then acknowledges. Warehouse and bus failures are transient: the
/// batch is delivered again after a backoff and nothing is dead-lettered for them. One consumer writes to a warehouse
/// at a time: its dedupe state lives in memory, so a second consumer of the same warehouse in this process waits in
/// standby (<see cref="WarehouseClaims"/>), and DuckDB keeps other processes out of the file. Dead letters are also
/// published to <paramref name="deadLetterTopic"/> when one is configured, before the commit that stores them.
/// </summary>
public sealed partial class OrderStreamConsumer(
    IMessageBus bus,
    DuckDbWarehouse warehouse,
    StreamConsumerOptions options,
    IEnumerable<IAcceptedOrdersSink> sinks,
    TimeProvider timeProvider,
    ILogger<OrderStreamConsumer> logger,
    IDeadLetterTopic? deadLetterTopic = null,
    BigQueryWarehouse? bigQuery = null)
{
    private readonly IAcceptedOrdersSink[] _sinks = [.. sinks];
    private readonly BigQueryStreamBatchWriter? _bigQuery = bigQuery is null ? null : new BigQueryStreamBatchWriter(bigQuery);
    private readonly BigQueryStreamReference? _bigQueryReference = bigQuery is null ? null : new BigQueryStreamReference(bigQuery);
    private volatile StreamState? _state;
    private volatile ConsumerStatus _status = ConsumerStatus.Initial;

    /// <summary>The totals since the data directory was created; empty until the consumer has started.</summary>
    public StreamCounters Counters => _state?.Counters ?? StreamCounters.Empty;

    /// <summary>What the consumer is doing.</summary>
    public ConsumerStatus Status => _status;

    /// <summary>Consumes until <paramref name="cancellationToken"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        _status = _status with { Phase = ConsumerPhase.Standby };
        using var claim = await WarehouseClaims.TakeAsync(warehouse.DatabasePath, cancellationToken);
        await using var connection = await warehouse.OpenAsync(cancellationToken);
        await StreamTables.EnsureAsync(connection, cancellationToken);
        await Sql.ExecuteAsync(connection, $"SET checkpoint_threshold = '{options.CheckpointThresholdMegabytes}MB'", cancellationToken);
        var state = await StreamStateLoader.LoadAsync(connection, cancellationToken);
        if (_bigQueryReference is not null)
        {
            await _bigQueryReference.LoadIdsAsync(state, cancellationToken);
        }

        _state = state;
        _status = _status with { Phase = ConsumerPhase.Running };
        LogStarted(state.Counters.Handled, state.Orders.Count);

        // Two stages on two cores: the bus reader pulls and decodes the next batch while this loop judges, writes and
        // acknowledges the current one. One batch waits in between at most.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var pulled = Channel.CreateBounded<PulledBatch>(new BoundedChannelOptions(1) { SingleReader = true, SingleWriter = true });
        var reading = ReadAheadAsync(pulled.Writer, stop.Token);
        PulledBatch? inHand = null;
        try
        {
            await foreach (var batch in pulled.Reader.ReadAllAsync(stop.Token))
            {
                inHand = batch;
                await SettleOrBackOffAsync(connection, state, batch, stop.Token);
                inHand = null;
            }
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping, whatever the batch in hand was doing (a cancelled write, or an acknowledgement that failed while
            // the stop came): what was pulled but not settled is handed back below.
        }
        finally
        {
            await stop.CancelAsync();
            var notHandedOver = await reading;
            await HandBackAsync([.. inHand?.Messages ?? [], .. Leftovers(pulled.Reader), .. notHandedOver?.Messages ?? []]);
            _status = _status with { Phase = ConsumerPhase.Stopped };
        }
    }

    private static IEnumerable<PulledMessage> Leftovers(ChannelReader<PulledBatch> pulled)
    {
        while (pulled.TryRead(out var batch))
        {
            foreach (var message in batch.Messages)
            {
                yield return message;
            }
        }
    }

    /// <summary>
    /// Makes the batches pulled but not settled deliverable at once, so a consumer started again in this process does
    /// not wait out their leases; whatever of them was committed is recognised as handled when it comes back.
    /// </summary>
    private async Task HandBackAsync(List<PulledMessage> unsettled)
    {
        if (unsettled.Count == 0)
        {
            return;
        }

        try
        {
            await bus.ModifyAckDeadlineAsync([.. unsettled.Select(m => m.Message.AckId)], TimeSpan.Zero, CancellationToken.None);
        }
#pragma warning disable CA1031 // Stopping either way; the leases then simply run out.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogBusFailed(ex);
        }
    }

    /// <summary>
    /// The first stage: pulls and decodes batches until stopped; a failing bus is retried after a backoff. Returns the
    /// batch it was holding when stopped, if the writing stage never took it.
    /// </summary>
    private async Task<PulledBatch?> ReadAheadAsync(ChannelWriter<PulledBatch> pulled, CancellationToken cancellationToken)
    {
        Exception? failure = null;
        PulledBatch? holding = null;
        try
        {
            // Pulling only once the writing stage has room lets a batch gather everything published meanwhile: under load
            // batches grow and commits become fewer; a trickle is pulled at once, the writer being idle.
            while (await pulled.WaitToWriteAsync(cancellationToken))
            {
                IReadOnlyList<BusMessage> messages;
                try
                {
                    messages = await bus.PullAsync(options.BatchSize, options.AckDeadline, options.PullWait, cancellationToken);
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is not OperationCanceledException)
                {
                    await BackOffAsync([], ex, cancellationToken);
                    continue;
                }

                if (messages.Count > 0)
                {
                    holding = Decode(messages);
                    await pulled.WriteAsync(holding, cancellationToken);
                    holding = null;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
#pragma warning disable CA1031 // Handed to the writing stage, which rethrows it: the consumer stops loudly, not silently.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            failure = ex;
        }
        finally
        {
            pulled.TryComplete(failure);
        }

        return holding;
    }

    /// <summary>
    /// Decodes and formats on this stage's one thread: spreading it over both cores measured no faster, as it only took
    /// the core the writing stage, the bottleneck, needs.
    /// </summary>
    private static PulledBatch Decode(IReadOnlyList<BusMessage> messages) => new([.. messages.Select(Decode)]);

    private static PulledMessage Decode(BusMessage message)
    {
        var decoded = BatchJudge.Decode(message);
        return new PulledMessage(message, decoded, decoded.Event is { } orderEvent ? EventRows.Of(orderEvent, EventVersion.Of(orderEvent, message)) : null);
    }

    /// <summary>The second stage: settles one batch; a failing warehouse or bus hands it back for a later delivery.</summary>
    private async Task SettleOrBackOffAsync(DuckDBConnection connection, StreamState state, PulledBatch batch, CancellationToken cancellationToken)
    {
        try
        {
            await SettleAsync(connection, state, batch.Messages, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is not OperationCanceledException)
        {
            await BackOffAsync(batch.Messages.Select(m => m.Message).ToList(), ex, cancellationToken);
        }
    }

    private async Task SettleAsync(
        DuckDBConnection connection, StreamState state, List<PulledMessage> decoded, CancellationToken cancellationToken)
    {
        await FetchBatchOrdersAsync(connection, state, decoded, cancellationToken);
        var now = timeProvider.GetUtcNow();
        var plan = new BatchJudge(state, options).Judge(decoded, now);
        if (plan.DeadLetters.Count > 0 && deadLetterTopic is { HasDeadLetterTopic: true })
        {
            // Before the commit: a failure here retries the batch, while after it the redelivery would be recognised
            // as handled and the copy never sent. A retry after a failed commit sends a copy twice (at least once).
            await deadLetterTopic.PublishDeadLettersAsync(
                [.. plan.DeadLetters.Select(d => new DeadLetterCopy(d.Message.Body, d.Rejection.Reason, d.Message.MessageId))], cancellationToken);
        }

        if (plan.HasOutcomes)
        {
            if (_bigQuery is not null)
            {
                // BigQuery is the warehouse of record: the batch's whole outcome (accepted rows, dead letters with their
                // bytes, the other outcomes) lands there in one transaction keyed on message ids, before anything local.
                // The DuckDB copy written next stays deliberately: it is the consumer's ledger (the dedupe state a restart
                // loads in milliseconds instead of a billed scan) and what the live pages and the dead-letter replay read
                // every second. It is only an optimisation of the guarantee: a crash after BigQuery's commit but before
                // this one or the ack redelivers the batch, the ledger does not know it, and BigQuery's MERGE on its
                // message ids adds nothing while the local copy catches up; a crash after both is recognised as handled.
                await _bigQuery.WriteAsync(plan, now, cancellationToken);
            }

            await StreamBatchWriter.WriteAsync(connection, plan, now, cancellationToken);
            plan.ApplyTo(state);
            StreamMetrics.RecordBatch(plan, now);
            _status = new ConsumerStatus(ConsumerPhase.Running, now, _status.Batches + 1, null);
            await TellSinksAsync(plan, state.Counters, now, cancellationToken);
        }

        await bus.AcknowledgeAsync(plan.Settled.Select(m => m.AckId).ToList(), cancellationToken);
        foreach (var retry in plan.Retries.GroupBy(m => options.BackoffAfter(m.DeliveryAttempt)))
        {
            await bus.ModifyAckDeadlineAsync(retry.Select(m => m.AckId).ToList(), retry.Key, cancellationToken);
        }

        if (plan.DeadLetters.Count > 0 && logger.IsEnabled(LogLevel.Information))
        {
            var reasons = string.Join(", ", plan.DeadLetters.Select(d => d.Rejection.Reason).Distinct());
            LogDeadLettered(plan.DeadLetters.Count, reasons);
        }
    }

    /// <summary>A status change may move an order of the batch data; its full row is read once and kept.</summary>
    private async Task FetchBatchOrdersAsync(
        DuckDBConnection connection, StreamState state, List<PulledMessage> batch, CancellationToken cancellationToken)
    {
        var wanted = batch
            .Select(b => b.Decoded.Event)
            .Where(e => e is { IsCreation: false } && !state.Orders.ContainsKey(e.Order.OrderId) && state.BatchOrderIds.Contains(e.Order.OrderId))
            .Select(e => e!.Order.OrderId)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (_bigQueryReference is not null)
        {
            foreach (var order in await _bigQueryReference.ReadBatchOrdersAsync(wanted, cancellationToken))
            {
                state.Orders[order.OrderId] = order;
            }

            return;
        }

        foreach (var orderId in wanted)
        {
            if (await StreamStateLoader.ReadBatchOrderAsync(connection, orderId, cancellationToken) is { } order)
            {
                state.Orders[orderId] = order;
            }
        }
    }

    private async Task TellSinksAsync(BatchPlan plan, StreamCounters counters, DateTimeOffset committedAt, CancellationToken cancellationToken)
    {
        if (_sinks.Length == 0)
        {
            return;
        }

        var report = new StreamBatchReport(
            plan.Accepted.Select(Describe).ToList(),
            plan.Duplicates.Count,
            plan.DeadLetters.GroupBy(d => d.Rejection.Reason).ToDictionary(g => g.Key, g => g.Count()),
            counters,
            committedAt);
        foreach (var sink in _sinks)
        {
            try
            {
                await sink.OnBatchCommittedAsync(report, cancellationToken);
            }
#pragma warning disable CA1031 // A display that fails must not hold up the stream; the data is committed either way.
            catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
            {
                LogSinkFailed(ex, sink.GetType().Name);
            }
        }
    }

    private static AcceptedOrder Describe(Verdict.Accepted accepted)
    {
        var orderEvent = accepted.Event;
        return new AcceptedOrder(
            accepted.Order.OrderId,
            orderEvent.EventType,
            accepted.Order.Status,
            accepted.Order.PurchaseTimestamp,
            orderEvent.Customer?.State,
            orderEvent.Items.Count,
            orderEvent.Items.Sum(i => i.Price),
            orderEvent.PaymentsTotal,
            orderEvent.HasPaymentMismatch,
            orderEvent.Timestamp,
            accepted.Message.PublishedAt,
            accepted.Message.MessageId);
    }

    /// <summary>Hands the batch back to the bus for a later delivery and pauses, so a failing warehouse is not hammered.</summary>
    private async Task BackOffAsync(List<BusMessage> messages, Exception failure, CancellationToken cancellationToken)
    {
        var attempt = messages.Count == 0 ? 1 : messages.Max(m => m.DeliveryAttempt);
        var delay = options.BackoffAfter(attempt);
        var reason = failure.Message.ReplaceLineEndings(" ");
        _status = _status with { Phase = ConsumerPhase.Retrying, LastError = reason };
        LogTransientFailure(failure, messages.Count, attempt, delay.TotalSeconds, reason);
        try
        {
            await bus.ModifyAckDeadlineAsync(messages.Select(m => m.AckId).ToList(), delay, cancellationToken);
        }
#pragma warning disable CA1031 // The bus itself may be what failed; the leases then simply run out.
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            LogBusFailed(ex);
        }

        await Task.Delay(delay, timeProvider, cancellationToken);
        _status = _status with { Phase = ConsumerPhase.Running };
    }

    /// <summary>A pulled batch, decoded, in the order the bus delivered it.</summary>
    private sealed record PulledBatch(List<PulledMessage> Messages);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stream consumer started: {Handled} messages handled before, {Orders} orders known")]
    private partial void LogStarted(long handled, int orders);

    [LoggerMessage(Level = LogLevel.Information, Message = "Dead-lettered {Count} messages: {Reasons}")]
    private partial void LogDeadLettered(int count, string reasons);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stream batch of {Count} messages failed on delivery attempt {Attempt}; retrying in {DelaySeconds} s: {Reason}")]
    private partial void LogTransientFailure(Exception exception, int count, int attempt, double delaySeconds, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The bus refused to hand a failed batch back; its leases will expire instead")]
    private partial void LogBusFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Live sink {Sink} failed; the batch is committed and continues")]
    private partial void LogSinkFailed(Exception exception, string sink);
}
