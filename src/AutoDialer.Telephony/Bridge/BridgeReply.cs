using System.Text.Json;

namespace AutoDialer.Telephony.Bridge;

/// <summary>The end of one command: how it ended and what the SDK gave back (undefined JSON when nothing).</summary>
internal sealed record BridgeReply(BridgeReplyStatus Status, JsonElement Value)
{
    public static BridgeReply Of(BridgeReplyStatus status) => new(status, default);

    /// <summary>The vendor may have acted on it without us knowing: a make-call in this state must not be repeated.</summary>
    public bool OutcomeUnknown => Status is BridgeReplyStatus.TimedOut or BridgeReplyStatus.Lost;
}
