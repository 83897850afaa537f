using System.Text.Json.Serialization;

namespace AutoDialer.AspNetCore.Api;

/// <summary>Numbers to add to the do-not-call list, in any format a contact list may hold them (<c>POST /api/dnc</c>).</summary>
internal sealed class DncAddRequest
{
    [JsonRequired]
    public List<string> Numbers { get; init; } = [];

    /// <summary>Where the numbers came from, kept with them; default <c>api</c>.</summary>
    public string? Source { get; init; }
}
