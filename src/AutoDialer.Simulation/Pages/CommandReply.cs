using System.Text.Json.Nodes;

namespace AutoDialer.Simulation.Pages;

/// <summary>A page's <c>result</c> for a command: the script's status word and the SDK's value.</summary>
internal sealed record CommandReply(string Status, JsonNode? Value)
{
    // The script's words (BridgeProtocol.ParseStatus reads them on the server).
    public const string Resolved = "resolved";
    public const string Rejected = "rejected";
    public const string Invalid = "invalid";
    public const string Failed = "failed";
    public const string Expired = "expired";
    public const string Late = "late";

    /// <summary>What the script answers for a method the SDK does not have.</summary>
    public static CommandReply NotAvailable(string method) =>
        new(Failed, new JsonObject { ["Message"] = "method " + method + " is not available in this SDK" });
}
