using System.Text.Json.Serialization;

namespace AutoDialer.AspNetCore.Api;

/// <summary>Numbers to add to or take off the do-not-call list, in any format a contact list may hold them.</summary>
public sealed class DncNumbersRequest
{
    [JsonRequired]
    public List<string> Numbers { get; init; } = [];

    /// <summary>Where the numbers came from, kept with them (add only).</summary>
    public string? Source { get; init; }
}
