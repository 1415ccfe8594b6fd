namespace Olist.Pipeline.Streaming.Bus;

/// <summary>
/// The embedded bus's leases, kept in memory because only the server process opens the bus file: which messages are held
/// (leased, expired or backing off), the cursor past which no message was handed out yet, the acknowledgements not yet
/// deleted from the file, and the backlog. Thread-safe: pulls, acknowledgements and nacks come from different threads.
/// </summary>
internal sealed class LeaseBook
{
    private readonly Lock _lock = new();
    private readonly Dictionary<long, Hold> _held = [];
    private readonly PriorityQueue<long, long> _deadlines = new();
    private readonly SortedSet<long> _due = [];
    private readonly HashSet<long> _ackedAhead = [];
    private readonly List<long> _unflushed = [];
    private readonly long _deliveredBeforeOpen;
    private long _cursor;
    private long _deliveredThrough;
    private long _backlog;
    private long _storedDeliveredThrough;

    /// <param name="backlog">Messages stored in the file.</param>
    /// <param name="deliveredThrough">The highest seq a previous process leased, as stored.</param>
    /// <param name="delayed">Stored messages whose nack delay had not passed when the file was opened.</param>
    public LeaseBook(long backlog, long deliveredThrough, IEnumerable<DelayedMessage> delayed)
    {
        _backlog = backlog;
        _deliveredBeforeOpen = _deliveredThrough = _storedDeliveredThrough = deliveredThrough;
        foreach (var message in delayed)
        {
            Hold(message.Seq, new Hold(BaseAttempts(message.Seq, message.Attempts), message.PublishedAt, message.VisibleAt, Leased: false));
        }
    }

    /// <summary>The highest seq handed out by this process: every stored message above it was never leased here.</summary>
    public long Cursor
    {
        get
        {
            lock (_lock)
            {
                return _cursor;
            }
        }
    }

    /// <summary>Up to <paramref name="max"/> held messages whose lease expired or whose nack delay passed, oldest first.</summary>
    public IReadOnlyList<long> Due(int max, long now)
    {
        lock (_lock)
        {
            while (_deadlines.TryPeek(out var seq, out var dueAt) && dueAt <= now)
            {
                _deadlines.Dequeue();

                // A deadline is stale once the message was acknowledged, leased again or nacked to a later time.
                if (_held.TryGetValue(seq, out var hold) && hold.DueAt == dueAt)
                {
                    _due.Add(seq);
                }
            }

            return _due.Take(max).ToList();
        }
    }

    /// <summary>
    /// Leases the <paramref name="due"/> messages that are still due (an acknowledgement or nack may have come meanwhile),
    /// then the <paramref name="fresh"/> messages read after the cursor, which it moves past them; returns each with its attempt.
    /// </summary>
    public List<(StoredMessage Message, int Attempt)> Lease(IReadOnlyList<StoredMessage> due, IReadOnlyList<StoredMessage> fresh, long leaseEnd)
    {
        var leased = new List<(StoredMessage, int)>(due.Count + fresh.Count);
        lock (_lock)
        {
            foreach (var message in due)
            {
                if (_due.Remove(message.Seq) && _held.TryGetValue(message.Seq, out var hold))
                {
                    var again = hold with { Attempts = hold.Attempts + 1, DueAt = leaseEnd, Leased = true };
                    Hold(message.Seq, again);
                    leased.Add((message, again.Attempts));
                }
            }

            foreach (var message in fresh)
            {
                _cursor = Math.Max(_cursor, message.Seq);

                // Above the cursor only messages delayed when the file was opened can be held or acknowledged already.
                if (!_held.ContainsKey(message.Seq) && !_ackedAhead.Contains(message.Seq))
                {
                    var hold = new Hold(BaseAttempts(message.Seq, message.Attempts) + 1, message.PublishedAt, leaseEnd, Leased: true);
                    Hold(message.Seq, hold);
                    leased.Add((message, hold.Attempts));
                }
            }

            _ackedAhead.RemoveWhere(seq => seq <= _cursor);
            _deliveredThrough = Math.Max(_deliveredThrough, _cursor);
        }

        return leased;
    }

    /// <summary>Drops the holds of <paramref name="seqs"/> for good and queues their rows for deletion; false when none was held.</summary>
    public bool Acknowledge(IEnumerable<long> seqs)
    {
        var any = false;
        lock (_lock)
        {
            foreach (var seq in seqs)
            {
                if (_held.Remove(seq))
                {
                    _due.Remove(seq);
                    _backlog--;
                    _unflushed.Add(seq);
                    if (seq > _cursor)
                    {
                        _ackedAhead.Add(seq);
                    }

                    any = true;
                }
            }
        }

        return any;
    }

    /// <summary>
    /// Ends the leases of the held messages among <paramref name="seqs"/>: they are due again at <paramref name="dueAt"/>;
    /// returns them with the deliveries they had, for the nack to store.
    /// </summary>
    public IReadOnlyList<(long Seq, int Attempts)> Delay(IEnumerable<long> seqs, long dueAt)
    {
        var delayed = new List<(long, int)>();
        lock (_lock)
        {
            foreach (var seq in seqs)
            {
                if (_held.TryGetValue(seq, out var hold))
                {
                    _due.Remove(seq);
                    Hold(seq, hold with { DueAt = dueAt, Leased = false });
                    delayed.Add((seq, hold.Attempts));
                }
            }
        }

        return delayed;
    }

    /// <summary>Adds published (or, negative, failed) messages to the backlog.</summary>
    public void AddBacklog(long count)
    {
        lock (_lock)
        {
            _backlog += count;
        }
    }

    /// <summary>Takes the acknowledgements to delete and the delivered-through mark to store; null when the file is up to date.</summary>
    public FlushPlan? TakeFlush()
    {
        lock (_lock)
        {
            if (_unflushed.Count == 0 && _deliveredThrough == _storedDeliveredThrough)
            {
                return null;
            }

            var plan = new FlushPlan([.. _unflushed], _deliveredThrough);
            _unflushed.Clear();
            return plan;
        }
    }

    /// <summary>Records that <paramref name="plan"/> is stored.</summary>
    public void Flushed(FlushPlan plan)
    {
        lock (_lock)
        {
            _storedDeliveredThrough = Math.Max(_storedDeliveredThrough, plan.DeliveredThrough);
        }
    }

    /// <summary>Puts the acknowledgements of a failed flush back, for the next one.</summary>
    public void Requeue(FlushPlan plan)
    {
        lock (_lock)
        {
            _unflushed.AddRange(plan.Seqs);
        }
    }

    /// <summary>The backlog, the live leases and the oldest held message; with the cursor and the acknowledgements above it, to find the oldest stored one.</summary>
    public BookStats Stats(long now)
    {
        lock (_lock)
        {
            long leased = 0;
            long? oldest = null;
            foreach (var hold in _held.Values)
            {
                leased += hold.Leased && hold.DueAt > now ? 1 : 0;
                oldest = oldest is { } o ? Math.Min(o, hold.PublishedAt) : hold.PublishedAt;
            }

            return new BookStats(_backlog, leased, oldest, _cursor, [.. _ackedAhead]);
        }
    }

    /// <summary>A message delivered before this process opened the file counts that one delivery even when no nack stored it.</summary>
    private int BaseAttempts(long seq, int storedAttempts) => Math.Max(storedAttempts, seq <= _deliveredBeforeOpen ? 1 : 0);

    private void Hold(long seq, Hold hold)
    {
        _held[seq] = hold;
        _deadlines.Enqueue(seq, hold.DueAt);
    }
}

/// <summary>A held message: its deliveries so far, when it was published, and when it is due again (lease end or nack delay).</summary>
internal sealed record Hold(int Attempts, long PublishedAt, long DueAt, bool Leased);

/// <summary>A stored message read for a lease.</summary>
internal sealed record StoredMessage(long Seq, string MessageId, byte[] Body, string? Attributes, long PublishedAt, int Attempts);

/// <summary>A stored message held back by a nack delay that had not passed when the file was opened.</summary>
internal sealed record DelayedMessage(long Seq, int Attempts, long PublishedAt, long VisibleAt);

/// <summary>Acknowledged seqs to delete (any order) and the delivered-through mark to store with them.</summary>
internal sealed record FlushPlan(IReadOnlyList<long> Seqs, long DeliveredThrough)
{
    /// <summary>The seqs as runs of consecutive numbers, so that a batch of acknowledgements deletes as a few ranges.</summary>
    public IEnumerable<(long First, long Last)> Ranges()
    {
        var sorted = Seqs.Order().ToList();
        for (var start = 0; start < sorted.Count;)
        {
            var end = start;
            while (end + 1 < sorted.Count && sorted[end + 1] == sorted[end] + 1)
            {
                end++;
            }

            yield return (sorted[start], sorted[end]);
            start = end + 1;
        }
    }
}

/// <summary>What <see cref="LeaseBook.Stats"/> reports.</summary>
internal sealed record BookStats(long Backlog, long Leased, long? OldestHeldPublishedAt, long Cursor, IReadOnlyList<long> AckedAhead);
