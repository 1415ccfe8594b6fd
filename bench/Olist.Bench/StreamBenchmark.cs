using System.Diagnostics.Metrics;
using Olist.Pipeline.Telemetry;
using Olist.Pipeline.Warehouse.Raw;

namespace Olist.Bench;

/// <summary>
/// Publishes N generated events to the embedded bus while the consumer writes them, timing publish-to-committed-rows;
/// then times DuckDB's appender inserting the same rows into the same tables of a fresh warehouse, in the same run.
/// </summary>
public sealed class StreamBenchmark : IBenchmark
{
    private const int DefaultEvents = 100_000;
    private const int PublishBatch = 1_000;
    private static readonly string[] DataTables = [StreamTables.Orders, StreamTables.OrderItems, StreamTables.OrderPayments, StreamTables.Customers];

    public string Name => "stream";

    public string Description => "stream [EVENTS] [--metrics]: events/s from publish to committed rows (embedded bus + consumer) vs DuckDB's appender for the same rows; --metrics listens to the Olist meter as /metrics does";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var events = args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal) ? int.Parse(args[0], CultureInfo.InvariantCulture) : DefaultEvents;
        // The served app always has a listener on the Olist meter (the Prometheus exporter): --metrics pays its recording cost here too.
        using var listener = args.Contains("--metrics") ? ListenToOlistMeter() : null;
        using var root = new ScratchDirectory("stream");
        var rounds = await StreamRounds.CreateAsync(root, events, cancellationToken);
        Console.WriteLine($"{events:N0} events ({rounds.Megabytes:F1} MB of JSON) over {rounds.Catalog.Products.Count:N0} products; {Environment.ProcessorCount} cores");

        var allHandled = true;
        var median = await rounds.RunAsync(async (round, folder, warehouse) =>
        {
            var (streamTime, counters) = await StreamAsync(folder, warehouse, rounds.Bodies, cancellationToken);
            var rows = await ReadRowsAsync(warehouse, cancellationToken);
            var appenderTime = await AppendAsync(Path.Combine(folder, "appender.duckdb"), rows, cancellationToken);
            Console.WriteLine($"{round}: stream {streamTime.TotalSeconds:F2} s publish -> committed and checkpointed, {events / streamTime.TotalSeconds:N0} events/s "
                + $"(accepted {counters.Accepted:N0}, duplicates {counters.Duplicates:N0}, dead-lettered {counters.DeadLettered:N0}); "
                + $"appender {appenderTime.TotalSeconds:F2} s for the same {rows.Values.Sum(r => r.Count):N0} rows; ratio {streamTime / appenderTime:F2}x");
            allHandled &= counters.Handled == events;
            return streamTime / appenderTime;
        });

        Console.WriteLine($"median measured ratio {median:F2}x; targets: >= 10,000 events/s and <= 3x the appender");
        return allHandled ? 0 : 1;
    }

    private static MeterListener ListenToOlistMeter()
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == OlistMetrics.MeterName)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        long measurements = 0;
        listener.SetMeasurementEventCallback<long>((_, _, _, _) => Interlocked.Increment(ref measurements));
        listener.SetMeasurementEventCallback<double>((_, _, _, _) => Interlocked.Increment(ref measurements));
        listener.Start();
        return listener;
    }

    private static async Task<(TimeSpan Elapsed, StreamCounters Counters)> StreamAsync(
        string root, DuckDbWarehouse warehouse, List<byte[]> bodies, CancellationToken cancellationToken)
    {
        await using var bus = await SqliteMessageBus.OpenAsync(Path.Combine(root, "bus.db"), TimeProvider.System, cancellationToken);
        var consumer = new OrderStreamConsumer(
            bus, warehouse, new StreamConsumerOptions(), [], TimeProvider.System, NullLogger<OrderStreamConsumer>.Instance);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var consuming = consumer.RunAsync(stop.Token);
        while (consumer.Status.Phase != ConsumerPhase.Running)
        {
            await Task.Delay(10, cancellationToken);
        }

        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var allocated = GC.GetTotalAllocatedBytes();
        var stopwatch = Stopwatch.StartNew();
        var publishing = Task.Run(
            async () =>
            {
                foreach (var chunk in bodies.Chunk(PublishBatch))
                {
                    await bus.PublishAsync(chunk.Select(b => new OutgoingMessage(b)).ToList(), cancellationToken);
                }

                return stopwatch.Elapsed;
            },
            cancellationToken);
        while (consumer.Counters.Handled < bodies.Count && !consuming.IsCompleted)
        {
            await Task.Delay(5, cancellationToken);
        }

        var committed = stopwatch.Elapsed;
        // Both sides are timed until their rows are folded into the warehouse file, so neither leaves work for later.
        await stop.CancelAsync();
        await consuming;
        await CheckpointAsync(warehouse, cancellationToken);
        stopwatch.Stop();
        Console.WriteLine($"  published in {(await publishing).TotalSeconds:F2} s (batches of {PublishBatch:N0}, concurrent with consuming); all committed after {committed.TotalSeconds:F2} s; folded into the file after {stopwatch.Elapsed.TotalSeconds:F2} s; "
            + $"{(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:F2} CPU s, {(GC.GetTotalAllocatedBytes() - allocated) / (double)bodies.Count:N0} bytes allocated per event");
        return (stopwatch.Elapsed, consumer.Counters);
    }

    private static async Task<Dictionary<string, List<object?[]>>> ReadRowsAsync(DuckDbWarehouse warehouse, CancellationToken cancellationToken)
    {
        var rows = new Dictionary<string, List<object?[]>>(StringComparer.Ordinal);
        await using var connection = await warehouse.OpenAsync(cancellationToken);
        foreach (var table in DataTables)
        {
            var list = rows[table] = [];
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM {table}";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var row = new object?[reader.FieldCount];
                reader.GetValues(row!);
                list.Add(row);
            }
        }

        return rows;
    }

    /// <summary>The baseline: the appender alone writing the rows the consumer wrote, one transaction, fresh tables.</summary>
    private static async Task<TimeSpan> AppendAsync(string path, Dictionary<string, List<object?[]>> rows, CancellationToken cancellationToken)
    {
        await using var connection = await new DuckDbWarehouse(path).OpenAsync(cancellationToken);
        await StreamTables.EnsureAsync(connection, cancellationToken);
        var stopwatch = Stopwatch.StartNew();
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            foreach (var (table, list) in rows)
            {
                var dot = table.IndexOf('.', StringComparison.Ordinal);
                using var appender = connection.CreateAppender(table[..dot], table[(dot + 1)..]);
                foreach (var values in list)
                {
                    var row = appender.CreateRow();
                    foreach (var value in values)
                    {
                        _ = value switch
                        {
                            string text => row.AppendValue(text),
                            DateTime time => row.AppendValue(time),
                            DateTimeOffset instant => row.AppendValue(instant),
                            bool flag => row.AppendValue(flag),
                            int number => row.AppendValue(number),
                            long number => row.AppendValue(number),
                            _ => row.AppendNullValue(),
                        };
                    }

                    row.EndRow();
                }
            }

            await transaction.CommitAsync(cancellationToken);
        }

        await CheckpointAsync(connection, cancellationToken);
        return stopwatch.Elapsed;
    }

    internal static async Task CheckpointAsync(DuckDbWarehouse warehouse, CancellationToken cancellationToken)
    {
        await using var connection = await warehouse.OpenAsync(cancellationToken);
        await CheckpointAsync(connection, cancellationToken);
    }

    private static async Task CheckpointAsync(DuckDB.NET.Data.DuckDBConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "CHECKPOINT";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
