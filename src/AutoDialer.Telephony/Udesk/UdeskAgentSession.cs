using System.Text.Json.Nodes;
using AutoDialer.Core.Agents;
using AutoDialer.Core.Preview;
using AutoDialer.Core.StoredWords;
using AutoDialer.Core.Telephony;
using AutoDialer.Core.Telephony.Udesk;
using AutoDialer.Telephony.Bridge;

namespace AutoDialer.Telephony.Udesk;

/// <summary>
/// One Udesk agent's <c>UdeskCCPaasApiClass</c> instance, driven through the bridge with the documented
/// promise methods.
/// </summary>
internal sealed class UdeskAgentSession(BridgeSession session, BridgeOptions options) : IAgentSession
{
    private NumberSourceRef? _selected;

    public string AgentId => session.AgentId;

    public string? PageSessionId => session.PageSessionId;

    public bool PageSaysNeverDialled(string businessId, string sentOnSession, DateTimeOffset deadline) =>
        session.PageSaysNeverDialled(businessId, sentOnSession, deadline);

    /// <summary>What the SDK's agent, device and phone events say of this agent (<see cref="UdeskAgentAvailability"/>).</summary>
    internal UdeskAgentAvailability Tracker { get; } = new();

    public AgentAvailability Availability => Tracker.Current;

    public async Task<VendorResult<MakeCallAccepted>> MakeCallAsync(MakeCallRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (BusinessIdRule.Udesk.Check(request.BusinessId) is { } refused)
        {
            return VendorResult<MakeCallAccepted>.FailureFrom(refused);
        }

        // Asked again here, not only by dispatch: nothing reaches the SDK for an agent whose events say it cannot take a call.
        if (Tracker.Current is { CanTakeCall: false } unavailable)
        {
            return VendorResult<MakeCallAccepted>.Failure(VendorCodes.AgentNotIdle, "agent cannot take a call: " + unavailable.Reason);
        }

        // MakeCallAsync has no caller-number option: a per-call source is selected on the session first
        // (a caller number as the trunk number of that number; see UdeskAssumptions).
        var source = request.NumberSource
            ?? (string.IsNullOrWhiteSpace(request.CallerNumber) ? null : new NumberSourceRef(NumberSourceType.TrunkNumber, request.CallerNumber));
        if (source is not null && source != _selected)
        {
            var selected = await SetSpNumberPoolNumAsync(source.Type, source.Id, cancellationToken).ConfigureAwait(false);
            if (!selected.IsSuccess)
            {
                // Whatever happened to the selection, no call was placed.
                return selected.Code is VendorCodes.Timeout
                    ? VendorResult<MakeCallAccepted>.Failure(VendorCodes.BridgeError, "selecting the caller number timed out; nothing was dialled")
                    : VendorResult<MakeCallAccepted>.FailureFrom(selected);
            }
        }

        session.State.Dialled(request.BusinessId);
        var args = new JsonArray(request.Number, new JsonObject { [UdeskFields.BizId] = request.BusinessId });
        // The fence's deadline, computed before the trunk selection above: the time that selection took is not given again.
        // The answer is awaited for the make-call timeout: a call placed after the deadline is hung up and said so.
        var answerBy = session.Now + options.MakeCallTimeout;
        var reply = await session.Connection.InvokeAsync(UdeskMethodNames.MakeCall, args, request.Deadline ?? answerBy, answerBy, cancellationToken)
            .ConfigureAwait(false);
        // The document shows Data: null; a CallID is taken if a build of the SDK does give one.
        return BridgeResults.Udesk(reply, data => new MakeCallAccepted(
            request.BusinessId,
            data.ValueKind == System.Text.Json.JsonValueKind.Object
                && data.TryGetProperty(UdeskFields.CallId, out var id)
                && id.ValueKind == System.Text.Json.JsonValueKind.String
                    ? id.GetString()
                    : null));
    }

    public async Task<VendorResult> HangupAsync(string callId, CancellationToken cancellationToken) =>
        BridgeResults.Udesk(await Invoke(UdeskMethodNames.Hangup, new JsonArray(callId), cancellationToken).ConfigureAwait(false), _ => true);

    public async Task<VendorResult> SetAgentStateAsync(AgentState state, string? subState, CancellationToken cancellationToken)
    {
        var args = new JsonArray(AgentStates.ToName(state));
        if (!string.IsNullOrEmpty(subState))
        {
            args.Add(subState);
        }

        return BridgeResults.Udesk(await Invoke(UdeskMethodNames.SetAgentState, args, cancellationToken).ConfigureAwait(false), _ => true);
    }

    public async Task<VendorResult<NumberSourceList>> GetNumberPoolAndSpNumAsync(NumberSourceType type, CancellationToken cancellationToken)
    {
        var reply = await Invoke(UdeskMethodNames.GetNumberPoolAndSpNum, new JsonArray(new JsonObject { ["type"] = (int)type }), cancellationToken).ConfigureAwait(false);
        var result = BridgeResults.Udesk(reply, data => UdeskData.NumberSources(type, data));
        if (result is { IsSuccess: true, Data.DefaultId: { } selectedId })
        {
            _selected = new NumberSourceRef(type, selectedId);
        }

        return result;
    }

    public async Task<VendorResult> SetSpNumberPoolNumAsync(NumberSourceType type, string id, CancellationToken cancellationToken)
    {
        var reply = await Invoke(UdeskMethodNames.SetSpNumberPoolNum, new JsonArray(new JsonObject { ["type"] = (int)type, ["id"] = id }), cancellationToken).ConfigureAwait(false);
        var result = BridgeResults.Udesk(reply, _ => true);
        _selected = result.IsSuccess ? new NumberSourceRef(type, id) : null;
        return result;
    }

    /// <summary>GetState is an event in the SDK, not a method: answered from what the session's events said last.</summary>
    public Task<VendorResult<ProviderState>> GetStateAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (session.Connection.IsClosed)
            return Task.FromResult(VendorResult<ProviderState>.NoSession());
        return Task.FromResult(session.State.KnownState() is { } known
            ? VendorResult<ProviderState>.Success(known)
            : VendorResult<ProviderState>.Failure(VendorCodes.StateNotKnown, "the page has reported no call state on this session yet (it reconnected)"));
    }

    internal async Task<VendorResult<IReadOnlyList<AgentStatus>>> GetOtherAgentsAsync(string? state, CancellationToken cancellationToken)
    {
        var options = new JsonObject();
        if (state is not null)
        {
            options["State"] = state;
        }

        var reply = await Invoke(UdeskMethodNames.GetOtherAgents, new JsonArray(options), cancellationToken).ConfigureAwait(false);
        return BridgeResults.Udesk(reply, UdeskData.Agents);
    }

    private Task<BridgeReply> Invoke(string method, JsonArray args, CancellationToken cancellationToken) =>
        session.Connection.InvokeAsync(method, args, options.CommandTimeout, cancellationToken);

    /// <summary>The screen pop: the card goes to the page on the session's socket (not an SDK call).</summary>
    public Task ShowCardAsync(CallCard card, CancellationToken cancellationToken) => session.ShowCardAsync(card, cancellationToken);

    /// <summary>A preview offer: shown on the page, decided by the agent there (not an SDK call).</summary>
    public Task<PreviewAnswer> OfferAsync(PreviewOffer offer, CancellationToken cancellationToken) => session.OfferAsync(offer, cancellationToken);
}
