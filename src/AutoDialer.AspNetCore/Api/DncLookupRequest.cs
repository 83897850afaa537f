using System.Text.Json.Serialization;

namespace AutoDialer.AspNetCore.Api;

internal sealed class DncLookupRequest
{
    [JsonRequired]
    public string Number { get; init; } = "";
}
