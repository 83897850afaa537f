using AutoDialer.Core.StoredWords;

namespace AutoDialer.PostgreSql.Audit;

/// <summary>
/// Which entries to read, newest first: written in [<paramref name="From"/>, <paramref name="Until"/>), by an actor of that
/// name, of that action, concerning that campaign; at most <paramref name="Limit"/>, after <paramref name="After"/>.
/// </summary>
internal sealed record AuditFilter(
    DateTimeOffset? From = null,
    DateTimeOffset? Until = null,
    string? Actor = null,
    AuditAction? Action = null,
    long? CampaignId = null,
    int Limit = AuditFilter.DefaultLimit,
    AuditCursor? After = null)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;
}

/// <summary>A page of the trail and, when more follow, the cursor of the next.</summary>
internal sealed record AuditPage(IReadOnlyList<AuditRecord> Entries, AuditCursor? Next);
