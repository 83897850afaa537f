using System.Globalization;
using System.Text.Json.Nodes;
using AutoDialer.Core.Agents;
using AutoDialer.Core.Preview;
using AutoDialer.Core.StoredWords;
using AutoDialer.Core.Telephony;
using AutoDialer.Core.Telephony.Meiqia;
using AutoDialer.Telephony.Bridge;

namespace AutoDialer.Telephony.Meiqia;

/// <summary>
/// One Meiqia agent's <c>MQCallSDK</c> instance, driven through the bridge with the documented callback
/// methods (the script turns success/error/validatorErrorCb into results).
/// </summary>
internal sealed class MeiqiaAgentSession(BridgeSession session, BridgeOptions options, TimeProvider time) : IAgentSession
{
    public string AgentId => session.AgentId;

    public string? PageSessionId => session.PageSessionId;

    public bool PageSaysNeverDialled(string businessId, string sentOnSession, DateTimeOffset deadline) =>
        session.PageSaysNeverDialled(businessId, sentOnSession, deadline);

    /// <summary>What the SDK's events and the Open API's agent list say of this agent (<see cref="MeiqiaAgentAvailability"/>).</summary>
    internal MeiqiaAgentAvailability Tracker { get; } = new(time);

    public AgentAvailability Availability => Tracker.Current;

    public async Task<VendorResult<MakeCallAccepted>> MakeCallAsync(MakeCallRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (BusinessIdRule.Meiqia.Check(request.BusinessId) is { } refused)
        {
            return VendorResult<MakeCallAccepted>.FailureFrom(refused);
        }

        // Asked again here, not only by dispatch: nothing reaches the SDK for an agent Meiqia says cannot take a call.
        if (Tracker.Current is { CanTakeCall: false } unavailable)
        {
            return VendorResult<MakeCallAccepted>.Failure(VendorCodes.AgentNotIdle, "agent cannot take a call: " + unavailable.Reason);
        }

        var client = new JsonObject { ["number"] = request.Number, ["userData"] = request.BusinessId };
        if (MeiqiaOutNumber.For(request) is { } outNumber)
        {
            client["outNumber"] = outNumber;
        }

        session.State.Dialled(request.BusinessId);
        // Before the call is sent: its events (even its hang-up) can arrive before its result does.
        Tracker.Dialling();
        // The answer is awaited for the make-call timeout: a call placed after the deadline is hung up and said so.
        var answerBy = time.GetUtcNow() + options.MakeCallTimeout;
        var reply = await session.Connection.InvokeAsync(
            MeiqiaMethodNames.Call, new JsonArray(new JsonObject { ["client"] = client }), request.Deadline ?? answerBy, answerBy,
            cancellationToken).ConfigureAwait(false);
        var result = BridgeResults.Meiqia(reply, _ => new MakeCallAccepted(request.BusinessId, CallId: null));
        if (!result.IsSuccess && result.Code is not (VendorCodes.Timeout or VendorCodes.PlacedLate))
        {
            Tracker.NotDialled();
        }

        return result;
    }

    /// <summary><c>hangup()</c> ends the agent's current call and takes no call id: refused when the session's
    /// events show a different call, so that it cannot end the wrong one.</summary>
    public async Task<VendorResult> HangupAsync(string callId, CancellationToken cancellationToken)
    {
        var current = session.State.Snapshot().CallID;
        if (!string.IsNullOrEmpty(current) && !string.Equals(current, callId, StringComparison.Ordinal))
        {
            return VendorResult.Failure(VendorCodes.InvalidRequest, "that call is not the agent's current call");
        }

        return BridgeResults.Meiqia(await Invoke(MeiqiaMethodNames.Hangup, [], cancellationToken).ConfigureAwait(false), _ => true);
    }

    public async Task<VendorResult> SetAgentStateAsync(AgentState state, string? subState, CancellationToken cancellationToken)
    {
        if (state == AgentState.Unknown)
        {
            return VendorResult.Failure(VendorCodes.InvalidRequest, "unknown agent state");
        }

        var args = new JsonArray(new JsonObject { ["status"] = MeiqiaAgentStatus.ToStatusCode(state) });
        return BridgeResults.Meiqia(await Invoke(MeiqiaMethodNames.SetAgentStatus, args, cancellationToken).ConfigureAwait(false), _ => true);
    }

    public async Task<VendorResult<NumberSourceList>> GetNumberPoolAndSpNumAsync(NumberSourceType type, CancellationToken cancellationToken) =>
        BridgeResults.Meiqia(
            await Invoke(MeiqiaMethodNames.GetAgentRule, [new JsonObject()], cancellationToken).ConfigureAwait(false),
            rule => MeiqiaAgentRule.Read(rule, type));

    public async Task<VendorResult> SetSpNumberPoolNumAsync(NumberSourceType type, string id, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        var data = new JsonObject { ["rule"] = MeiqiaOutboundRule.Of(type) };
        if (type == NumberSourceType.NumberPool)
        {
            data["group_id"] = long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var groupId) ? groupId : id;
        }
        else
        {
            data["number"] = id;
        }

        return BridgeResults.Meiqia(
            await Invoke(MeiqiaMethodNames.SetOutNumber, [new JsonObject { ["data"] = data }], cancellationToken).ConfigureAwait(false),
            _ => true);
    }

    /// <summary>Meiqia has no GetState: what the session's events said last (<see cref="MeiqiaAssumptions"/>).</summary>
    public Task<VendorResult<ProviderState>> GetStateAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (session.Connection.IsClosed)
            return Task.FromResult(VendorResult<ProviderState>.NoSession());
        return Task.FromResult(session.State.KnownState() is { } known
            ? VendorResult<ProviderState>.Success(known)
            : VendorResult<ProviderState>.Failure(VendorCodes.StateNotKnown, "the page has reported no call state on this session yet (it reconnected)"));
    }

    internal async Task<VendorResult> RefreshTokenAsync(string token, CancellationToken cancellationToken) =>
        BridgeResults.Meiqia(
            await Invoke(MeiqiaMethodNames.RefreshToken, [new JsonObject { ["token"] = token }], cancellationToken).ConfigureAwait(false),
            _ => true);

    private Task<BridgeReply> Invoke(string method, JsonArray args, CancellationToken cancellationToken) =>
        session.Connection.InvokeAsync(method, args, options.CommandTimeout, cancellationToken);

    /// <summary>The screen pop: the card goes to the page on the session's socket (not an SDK call).</summary>
    public Task ShowCardAsync(CallCard card, CancellationToken cancellationToken) => session.ShowCardAsync(card, cancellationToken);

    /// <summary>A preview offer: shown on the page, decided by the agent there (not an SDK call).</summary>
    public Task<PreviewAnswer> OfferAsync(PreviewOffer offer, CancellationToken cancellationToken) => session.OfferAsync(offer, cancellationToken);
}
