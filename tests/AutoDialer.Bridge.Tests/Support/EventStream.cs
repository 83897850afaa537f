using System.Threading.Channels;
using AutoDialer.Core.Telephony;

namespace AutoDialer.Bridge.Tests.Support;

/// <summary>Reads a call center's event stream in a test (the test is its one reader), keeping what it saw.</summary>
public sealed class EventStream(ChannelReader<CallCenterEvent> reader)
{
    private readonly List<CallCenterEvent> _seen = [];

    public IReadOnlyList<CallCenterEvent> Seen => _seen;

    /// <summary>Reads until an event matches; fails after <paramref name="timeout"/> naming what did arrive.</summary>
    public async Task<CallCenterEvent> WaitForAsync(Func<CallCenterEvent, bool> match, TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(15));
        try
        {
            while (true)
            {
                var next = await reader.ReadAsync(cancel.Token);
                _seen.Add(next);
                if (match(next))
                {
                    return next;
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new Xunit.Sdk.XunitException("The awaited event did not arrive; seen: " + string.Join(", ", _seen.Select(e => $"{e.AgentId}:{e.Name}")));
        }
    }

    public Task<CallCenterEvent> WaitForAsync(string agentId, string name, TimeSpan? timeout = null) =>
        WaitForAsync(e => e.AgentId == agentId && e.Name == name, timeout);
}
