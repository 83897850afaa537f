namespace AutoDialer.PostgreSql.Campaigns;

/// <summary>A campaign's contacts that cannot be dialled now, by reason, as counted at <see cref="ComputedAt"/> (<c>ready</c>: could be).</summary>
internal sealed record DialingDiagnosticsSnapshot(long CampaignId, DateTimeOffset ComputedAt, IReadOnlyDictionary<string, long> Counts);
