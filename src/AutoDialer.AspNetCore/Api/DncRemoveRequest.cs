using System.Text.Json.Serialization;

namespace AutoDialer.AspNetCore.Api;

/// <summary>
/// Numbers to take off the do-not-call list (<c>POST /api/dnc/remove</c>). A type of its own, without the add's
/// <c>source</c>: a removal has nothing to keep it in, and a member the request has but ignores is a member skipped.
/// </summary>
internal sealed class DncRemoveRequest
{
    [JsonRequired]
    public List<string> Numbers { get; init; } = [];
}
