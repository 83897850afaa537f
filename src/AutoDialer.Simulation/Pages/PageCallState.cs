using AutoDialer.Simulation.Calls;
using AutoDialer.Simulation.Vendors;

namespace AutoDialer.Simulation.Pages;

/// <summary>
/// What the page reports its agent is doing (<c>call-state { known, events }</c>), kept as the bridge script keeps it:
/// the latest agent-state event and the last event of each call still open, from the SDK's events as they happened
/// (before any fault touches their delivery); known once the SDK has said anything of either. Sent after every welcome
/// and whenever it changes, so a reconnected session knows at once whether its agent is idle, on a call (which) or in
/// wrap-up. With it, the page's record of its make-calls (<c>sessions</c>, <c>dialled</c>): the bridge sessions it has had
/// (the last <see cref="SessionsKept"/>) and the business ids it handed to its SDK in them, so it can answer for a
/// make-call whose answer was lost. A reload forgets what the agent is doing, as it forgets the script's memory; the
/// record of make-calls survives it, as the script keeps it in the tab's sessionStorage, unless the page's stored data
/// is gone too (<see cref="PageFaults.ReloadForgetsOutbox"/>).
/// </summary>
internal sealed class PageCallState
{
    /// <summary>The sessions the page answers for: older ones (and what was dialled in them) are let go.</summary>
    public const int SessionsKept = 20;

    private readonly object _gate = new();
    private readonly List<(string Session, List<string> Dialled)> _sessions = [];
    private readonly Dictionary<string, (VendorEvent Event, long Timestamp)> _calls = new(StringComparer.Ordinal);
    private (VendorEvent Event, long Timestamp)? _agent;
    private bool _known;

    /// <summary>Follows what happened, by the SDK's events for it; true when the report changed.</summary>
    public bool Follow(PhoneEvent happened, IReadOnlyList<VendorEvent> events, long timestamp)
    {
        if (events.Count == 0) return false;
        lock (_gate)
        {
            switch (happened)
            {
                case PhoneReady or PhoneStateChanged:
                    _agent = (events[^1], timestamp);
                    break;
                case PhoneCallStep { Phase: CallPhase.Ended, Call: var call }:
                    _calls.Remove(call.CallId);
                    break;
                case PhoneCallStep { Call: var call }:
                    _calls[call.CallId] = (events[^1], timestamp);
                    break;
                default:
                    return false;
            }

            _known = true;
            return true;
        }
    }

    /// <summary>A session welcomed the page: make-calls handed to the SDK from now on are this session's.</summary>
    public void Welcomed(string sessionId)
    {
        lock (_gate)
        {
            _sessions.Add((sessionId, []));
            if (_sessions.Count > SessionsKept) _sessions.RemoveAt(0);
        }
    }

    /// <summary>A make-call was handed to the SDK (before the vendor answers it): from here it may be placed.</summary>
    public void Handed(string businessId)
    {
        lock (_gate)
        {
            if (_sessions.Count > 0) _sessions[^1].Dialled.Add(businessId);
        }
    }

    /// <summary>The page reloaded: it knows nothing of its agent until the SDK speaks again; its record of make-calls is
    /// kept (sessionStorage) unless <paramref name="makeCalls"/> says it is forgotten too.</summary>
    public void Forget(bool makeCalls)
    {
        lock (_gate)
        {
            if (makeCalls) _sessions.Clear();
            _calls.Clear();
            _agent = null;
            _known = false;
        }
    }

    /// <summary>The <c>call-state</c> message as it stands.</summary>
    public byte[] Message(string agentId)
    {
        lock (_gate)
        {
            var events = (_agent is { } agent ? [agent] : new List<(VendorEvent, long)>()).Concat(_calls.Values).ToList();
            return Messages.CallState(agentId, _known, events, _sessions.Select(s => s.Session).ToList(),
                _sessions.SelectMany(s => s.Dialled).ToList());
        }
    }
}
