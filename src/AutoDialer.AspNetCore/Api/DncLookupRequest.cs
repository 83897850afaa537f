using System.Text.Json.Serialization;

namespace AutoDialer.AspNetCore.Api;

public sealed class DncLookupRequest
{
    [JsonRequired]
    public string Number { get; init; } = "";
}
