using System.Text.Json.Nodes;
using AutoDialer.Core.StoredWords;

namespace AutoDialer.PostgreSql.Audit;

/// <summary>
/// What was done, for the audit trail: the action, what it was done to (<paramref name="Target"/> and its id), the
/// campaign it concerns (for the campaign filter), and details (snake_case members, as the API shows them).
/// </summary>
internal sealed record AuditEntry(AuditAction Action, AuditTarget? Target, string? TargetId, long? CampaignId, JsonObject Details)
{
    public static AuditEntry ForCampaign(AuditAction action, long campaignId, JsonObject details) =>
        new(action, AuditTarget.Campaign, campaignId.ToString(System.Globalization.CultureInfo.InvariantCulture), campaignId, details);
}
