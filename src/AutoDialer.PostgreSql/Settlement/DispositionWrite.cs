using AutoDialer.Core.Dispositions;

namespace AutoDialer.PostgreSql.Settlement;

/// <summary>A disposition to keep with its attempt.</summary>
/// <param name="Previous">The code recorded for the attempt before, which this one replaces; null when there was none.</param>
internal sealed record DispositionWrite(long AttemptId, long CampaignId, long ContactId, StoredDisposition Disposition, string? Previous);
