namespace Olist.Bench;

/// <summary>
/// The embedded bus alone: one task publishes N messages of ~440 bytes in batches of 1,000 while another pulls batches of
/// 5,000 and acknowledges them, as the stream consumer does; times publishing, delivery-and-acknowledgement of every
/// message, and the consumer's share spent leasing (waiting for publishes included) and acknowledging. Then, on a fresh
/// bus, the two sides one after the other: publishing alone, and draining the stored backlog alone, where leasing and
/// acknowledging are the bus's own cost.
/// </summary>
public sealed class BusBenchmark : IBenchmark
{
    private const int DefaultMessages = 100_000;
    private const int PublishBatch = 1_000;
    private const int PullBatch = 5_000;
    private const int BodyBytes = 440;

    public string Name => "bus";

    public string Description => "bus [MESSAGES]: embedded bus throughput, publishing in batches of 1,000 while pulling and acknowledging batches of 5,000";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var count = BenchArguments.Whole(args, 0, DefaultMessages);
        using var root = new ScratchDirectory("bus");
        var random = new Random(7);
        var bodies = Enumerable.Range(0, count).Select(_ => Body(random)).ToList();
        Console.WriteLine($"{count:N0} messages of {BodyBytes} bytes; {Environment.ProcessorCount} cores");
        bool delivered;
        await using (var bus = await SqliteMessageBus.OpenAsync(root.Combine("concurrent.db"), TimeProvider.System, cancellationToken))
        {
            var stopwatch = Stopwatch.StartNew();
            var publishing = Task.Run(() => PublishAsync(bus, bodies, cancellationToken), cancellationToken);
            var consuming = Task.Run(() => ConsumeAsync(bus, count, cancellationToken), cancellationToken);
            var publishTime = await publishing;
            var consumed = await consuming;
            var total = stopwatch.Elapsed;
            Console.WriteLine("concurrent:");
            Console.WriteLine($"  publish:  {publishTime.TotalSeconds:F2} s in batches of {PublishBatch:N0}");
            Console.WriteLine($"  consume:  {total.TotalSeconds:F2} s until every message was delivered and acknowledged, {count / total.TotalSeconds:N0} messages/s");
            Report(consumed, total);
            delivered = consumed.Distinct == count && consumed.Redelivered == 0;
        }

        await using (var bus = await SqliteMessageBus.OpenAsync(root.Combine("sequential.db"), TimeProvider.System, cancellationToken))
        {
            var publishTime = await PublishAsync(bus, bodies, cancellationToken);
            var stopwatch = Stopwatch.StartNew();
            var consumed = await ConsumeAsync(bus, count, cancellationToken);
            var drainTime = stopwatch.Elapsed;
            Console.WriteLine("one after the other:");
            Console.WriteLine($"  publish:  {publishTime.TotalSeconds:F2} s alone, {count / publishTime.TotalSeconds:N0} messages/s");
            Console.WriteLine($"  drain:    {drainTime.TotalSeconds:F2} s to pull and acknowledge the stored backlog, {count / drainTime.TotalSeconds:N0} messages/s");
            Report(consumed, drainTime);
            delivered &= consumed.Distinct == count && consumed.Redelivered == 0;
        }

        return delivered ? 0 : 1;
    }

    private static void Report(ConsumeFigures consumed, TimeSpan total)
    {
        Console.WriteLine($"  lease:    {consumed.Lease.TotalSeconds:F2} s ({consumed.Lease / total:P0}) in {consumed.Pulls:N0} pulls");
        Console.WriteLine($"  ack:      {consumed.Ack.TotalSeconds:F2} s ({consumed.Ack / total:P0})");
        Console.WriteLine($"  delivered {consumed.Distinct:N0} distinct messages, {consumed.Redelivered:N0} redelivered");
    }

    private static async Task<TimeSpan> PublishAsync(SqliteMessageBus bus, List<byte[]> bodies, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        foreach (var chunk in bodies.Chunk(PublishBatch))
        {
            await bus.PublishAsync(chunk.Select(b => new OutgoingMessage(b)).ToList(), cancellationToken);
        }

        return stopwatch.Elapsed;
    }

    private static async Task<ConsumeFigures> ConsumeAsync(SqliteMessageBus bus, int count, CancellationToken cancellationToken)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var redelivered = 0;
        var pulls = 0;
        var lease = TimeSpan.Zero;
        var ack = TimeSpan.Zero;
        while (seen.Count < count)
        {
            var started = Stopwatch.GetTimestamp();
            var messages = await bus.PullAsync(PullBatch, TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(1), cancellationToken);
            lease += Stopwatch.GetElapsedTime(started);
            pulls++;
            redelivered += messages.Count(m => !seen.Add(m.MessageId));
            started = Stopwatch.GetTimestamp();
            await bus.AcknowledgeAsync(messages.Select(m => m.AckId).ToList(), cancellationToken);
            ack += Stopwatch.GetElapsedTime(started);
        }

        return new ConsumeFigures(seen.Count, redelivered, pulls, lease, ack);
    }

    /// <summary>JSON-like text of the size of a generated order event, different per message so compression cannot flatter it.</summary>
    private static byte[] Body(Random random)
    {
        var body = new byte[BodyBytes];
        for (var i = 0; i < body.Length; i++)
        {
            body[i] = (byte)random.Next('a', 'z' + 1);
        }

        return body;
    }

    private sealed record ConsumeFigures(int Distinct, int Redelivered, int Pulls, TimeSpan Lease, TimeSpan Ack);
}
