namespace AutoDialer.AspNetCore.Api;

/// <summary>
/// Filters for a campaign's attempts. Sent as a JSON body (POST …/attempts/search) because it may hold a phone number,
/// and numbers must not end up in URLs, which proxies and access logs keep.
/// </summary>
internal sealed class AttemptSearchRequest
{
    public string? Outcome { get; init; }
    public string? Status { get; init; }
    public string? AgentId { get; init; }
    public string? Phone { get; init; }
    public DateTimeOffset? From { get; init; }
    public DateTimeOffset? Until { get; init; }
    public int Limit { get; init; } = 50;
    public int Offset { get; init; }
}
