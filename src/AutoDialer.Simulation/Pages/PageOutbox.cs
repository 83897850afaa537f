namespace AutoDialer.Simulation.Pages;

/// <summary>
/// A page's events from the moment they happen until the server acknowledges (<c>ack</c>) or refuses
/// (<c>refused</c>) them. Sequence numbers start at 1 and never restart, across reconnects; after each welcome the
/// page sends again every entry still here, in sequence order, before newer ones. Bounded: when full the oldest
/// entry is dropped and counted, as the script drops its oldest queued event.
/// </summary>
internal sealed class PageOutbox(int capacity)
{
    private readonly object _gate = new();
    private readonly SortedDictionary<long, OutboxEntry> _entries = [];
    private TaskCompletionSource _added = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _lastSeq;

    public long LastSeq
    {
        get { lock (_gate) return _lastSeq; }
    }

    public int Count
    {
        get { lock (_gate) return _entries.Count; }
    }

    public long Acked { get; private set; }

    public long Refused { get; private set; }

    public long Dropped { get; private set; }

    /// <summary>Gives the event the next sequence number and keeps it; <paramref name="message"/> builds the
    /// message from that number.</summary>
    public OutboxEntry Add(string name, Func<long, byte[]> message)
    {
        TaskCompletionSource added;
        OutboxEntry entry;
        lock (_gate)
        {
            var seq = ++_lastSeq;
            entry = new OutboxEntry(seq, name, message(seq));
            if (_entries.Count >= capacity)
            {
                _entries.Remove(_entries.Keys.First());
                Dropped++;
            }

            _entries.Add(seq, entry);
            added = _added;
            _added = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        added.TrySetResult();
        return entry;
    }

    /// <summary>The entries after <paramref name="seq"/> still waiting, in order, and the last sequence number given
    /// so far: every event up to it is either in the list or no longer waiting.</summary>
    public (IReadOnlyList<OutboxEntry> Entries, long UpTo) After(long seq)
    {
        lock (_gate)
        {
            IReadOnlyList<OutboxEntry> entries = _entries.Count == 0 || _lastSeq <= seq ? [] : _entries.Values.Where(e => e.Seq > seq).ToArray();
            return (entries, _lastSeq);
        }
    }

    /// <summary>Completes when an entry after <paramref name="seq"/> exists.</summary>
    public Task WaitAfterAsync(long seq, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return _lastSeq > seq ? Task.CompletedTask : _added.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>A reload: every entry still waiting is gone (never sent again); returns how many. Sequence numbers go on.</summary>
    public int Forget()
    {
        lock (_gate)
        {
            var forgotten = _entries.Count;
            _entries.Clear();
            return forgotten;
        }
    }

    public void Ack(IEnumerable<long> seqs)
    {
        lock (_gate)
        {
            foreach (var seq in seqs)
            {
                if (_entries.Remove(seq))
                {
                    Acked++;
                }
            }
        }
    }

    /// <summary>The server will never store it: resending would be refused again.</summary>
    public bool Refuse(long seq)
    {
        lock (_gate)
        {
            if (!_entries.Remove(seq))
            {
                return false;
            }

            Refused++;
            return true;
        }
    }
}
