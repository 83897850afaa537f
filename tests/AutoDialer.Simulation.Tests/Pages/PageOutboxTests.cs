using System.Text;

using AutoDialer.Simulation.Calls;
using AutoDialer.Simulation.Pages;
using AutoDialer.Simulation.Vendors;

namespace AutoDialer.Simulation.Tests.Pages;

public sealed class PageOutboxTests
{
    [Fact]
    public void Seqs_start_at_one_and_what_is_acked_or_refused_is_no_longer_waiting()
    {
        var outbox = new PageOutbox(capacity: 10);
        var seqs = Enumerable.Range(0, 4).Select(_ => outbox.Add("e", Message).Seq).ToArray();

        outbox.Ack([1, 3]);
        Assert.True(outbox.Refuse(2));

        Assert.Equal([1L, 2, 3, 4], seqs);
        var (entries, upTo) = outbox.After(0);
        Assert.Equal([4L], entries.Select(e => e.Seq));
        Assert.Equal(4, upTo);
        Assert.Equal(2, outbox.Acked);
        Assert.Equal(1, outbox.Refused);
        Assert.False(outbox.Refuse(2));
    }

    [Fact]
    public void Waiting_entries_come_in_seq_order_after_the_one_named()
    {
        var outbox = new PageOutbox(capacity: 10);
        for (var i = 0; i < 5; i++)
        {
            outbox.Add("e", Message);
        }

        Assert.Equal([3L, 4, 5], outbox.After(2).Entries.Select(e => e.Seq));
        Assert.Empty(outbox.After(5).Entries);
        Assert.Equal("{\"seq\":3}", Encoding.UTF8.GetString(outbox.After(2).Entries[0].Message));
    }

    [Fact]
    public void A_full_outbox_drops_its_oldest_entry_and_counts_it()
    {
        var outbox = new PageOutbox(capacity: 2);
        for (var i = 0; i < 3; i++)
        {
            outbox.Add("e", Message);
        }

        Assert.Equal([2L, 3], outbox.After(0).Entries.Select(e => e.Seq));
        Assert.Equal(1, outbox.Dropped);
    }

    [Fact]
    public async Task A_wait_for_more_completes_when_an_entry_is_added()
    {
        var outbox = new PageOutbox(capacity: 2);
        var waiting = outbox.WaitAfterAsync(0, CancellationToken.None);
        Assert.False(waiting.IsCompleted);

        outbox.Add("e", Message);

        await waiting.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.True(outbox.WaitAfterAsync(0, CancellationToken.None).IsCompleted);
    }

    private static byte[] Message(long seq) => Encoding.UTF8.GetBytes($"{{\"seq\":{seq}}}");
}
