using System.Text.Json;
using AutoDialer.Core.Telephony;
using AutoDialer.Core.Telephony.Udesk;

namespace AutoDialer.Telephony.Bridge;

/// <summary>
/// Turns a command's end into the port's result. What the page did not run maps to a local code that says
/// nothing was dialled; what may have run without an answer maps to <see cref="VendorCodes.Timeout"/>, which a
/// make-call's caller must not repeat; a vendor answer is read by the vendor's own reader.
/// </summary>
internal static class BridgeResults
{
    public static VendorResult<T> Read<T>(BridgeReply reply, Func<BridgeReply, VendorResult<T>> vendorAnswer)
    {
        ArgumentNullException.ThrowIfNull(reply);
        return reply.Status switch
        {
            BridgeReplyStatus.Resolved or BridgeReplyStatus.Rejected => vendorAnswer(reply),
            BridgeReplyStatus.Invalid => VendorResult<T>.Failure(VendorCodes.InvalidRequest, MessageOf(reply.Value) ?? "the SDK refused the arguments"),
            BridgeReplyStatus.Failed => VendorResult<T>.Failure(VendorCodes.BridgeError, MessageOf(reply.Value) ?? "the bridge could not run the method"),
            BridgeReplyStatus.Expired => VendorResult<T>.Failure(VendorCodes.DeadlinePassed, "the command's deadline passed before the page ran it; it was not run"),
            BridgeReplyStatus.Late => VendorResult<T>.Failure(VendorCodes.PlacedLate, MessageOf(reply.Value) ?? "the vendor placed the call after its deadline; the page hung it up"),
            BridgeReplyStatus.TimedOut or BridgeReplyStatus.Lost => VendorResult<T>.Timeout(),
            BridgeReplyStatus.NotSent => VendorResult<T>.NoSession(),
            _ => throw new ArgumentOutOfRangeException(nameof(reply), reply.Status, "Unknown reply status."),
        };
    }

    /// <summary>Udesk: the promise's value is the envelope <c>{ Code, Message, Data, Visible }</c>, also when it rejects.</summary>
    public static VendorResult<T> Udesk<T>(BridgeReply reply, Func<JsonElement, T> data) =>
        Read(reply, r =>
        {
            var envelope = r.Value;
            var code = Text(envelope, UdeskFields.Code);
            var message = Text(envelope, UdeskFields.Message) ?? "";
            var visible = envelope.ValueKind == JsonValueKind.Object
                && envelope.TryGetProperty(UdeskFields.Visible, out var v) && v.ValueKind == JsonValueKind.True;
            if (r.Status == BridgeReplyStatus.Rejected)
            {
                // A rejection is a failure even if it carries no code (or, oddly, the success code).
                return VendorResult<T>.Failure(
                    string.IsNullOrEmpty(code) || code == VendorCodes.Success ? VendorCodes.VendorRejected : code,
                    message.Length > 0 ? message : MessageOf(envelope) ?? "",
                    visible);
            }

            if (!string.IsNullOrEmpty(code) && code != VendorCodes.Success)
            {
                return VendorResult<T>.Failure(code, message, visible);
            }

            var payload = envelope.ValueKind == JsonValueKind.Object && envelope.TryGetProperty(UdeskFields.Data, out var d) ? d : default;
            return new VendorResult<T>(VendorCodes.Success, message, visible, data(payload));
        });

    /// <summary>Meiqia: the success callback's argument is the data; the error callback's has no code.</summary>
    public static VendorResult<T> Meiqia<T>(BridgeReply reply, Func<JsonElement, T> data) =>
        Read(reply, r => r.Status == BridgeReplyStatus.Resolved
            ? VendorResult<T>.Success(data(r.Value))
            : VendorResult<T>.Failure(VendorCodes.VendorRejected, MessageOf(r.Value) ?? "the SDK reported an error"));

    /// <summary>A readable message from whatever a page sent: a string, or an object's message field.</summary>
    public static string? MessageOf(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Object => Text(value, "message") ?? Text(value, "Message") ?? Text(value, "msg") ?? value.GetRawText(),
        JsonValueKind.Undefined or JsonValueKind.Null => null,
        _ => value.GetRawText(),
    };

    private static string? Text(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            }
            : null;
}
