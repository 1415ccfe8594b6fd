namespace Olist.Pipeline.Streaming.Bus;

/// <summary>
/// The messages this process published last, as stored, so that pulling fresh messages (the usual case: the consumer
/// keeps up with the publishers) takes them from memory instead of reading them back from the file. Only an unbroken
/// run of seqs right after the cursor is served from here; anything else (a gap, messages stored before this process
/// opened the file, a pull that came between a commit and <see cref="Add"/>) is read from the file, which stays the truth.
/// </summary>
internal sealed class RecentlyPublished(int capacity)
{
    private readonly Lock _lock = new();
    private readonly Queue<StoredMessage> _messages = new();

    /// <summary>Keeps <paramref name="messages"/> (ascending seqs, committed), forgetting the oldest beyond the capacity.</summary>
    public void Add(IEnumerable<StoredMessage> messages)
    {
        lock (_lock)
        {
            foreach (var message in messages)
            {
                _messages.Enqueue(message);
            }

            while (_messages.Count > capacity)
            {
                _messages.Dequeue();
            }
        }
    }

    /// <summary>Up to <paramref name="max"/> messages with the seqs following <paramref name="cursor"/> without a gap; empty when the next one is not kept.</summary>
    public List<StoredMessage> TakeAfter(long cursor, int max)
    {
        var run = new List<StoredMessage>();
        lock (_lock)
        {
            while (_messages.TryPeek(out var oldest) && oldest.Seq <= cursor)
            {
                _messages.Dequeue();
            }

            var next = cursor + 1;
            foreach (var message in _messages)
            {
                if (message.Seq != next || run.Count == max)
                {
                    break;
                }

                run.Add(message);
                next++;
            }
        }

        return run;
    }
}
