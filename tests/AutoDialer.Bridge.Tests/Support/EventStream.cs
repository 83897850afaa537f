using System.Threading.Channels;
using AutoDialer.Core.Events;

namespace AutoDialer.Bridge.Tests.Support;

/// <summary>
/// Watches an account's accepted events in a test without reading <c>ICallCenter.Events</c>, whose one reader is
/// the dialing engine; keeps what it saw.
/// </summary>
public sealed class EventStream
{
    private readonly List<CallCenterEvent> _seen = [];
    private readonly ChannelReader<CallCenterEvent> reader;

    internal EventStream(AutoDialer.Telephony.Bridge.BridgeSessions sessions)
    {
        var channel = Channel.CreateUnbounded<CallCenterEvent>();
        sessions.EventAccepted += e => channel.Writer.TryWrite(e);
        reader = channel.Reader;
    }

    internal IReadOnlyList<CallCenterEvent> Seen => _seen;

    /// <summary>Reads until an event matches; fails after <paramref name="timeout"/> naming what did arrive.</summary>
    internal async Task<CallCenterEvent> WaitForAsync(Func<CallCenterEvent, bool> match, TimeSpan? timeout = null)
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

    internal Task<CallCenterEvent> WaitForAsync(string agentId, string name, TimeSpan? timeout = null) =>
        WaitForAsync(e => e.AgentId == agentId && e.Name == name, timeout);
}
