using System.Text.Json.Nodes;
using AutoDialer.Core.StoredWords;

namespace AutoDialer.PostgreSql.Audit;

/// <summary>One entry of the audit trail as stored: <see cref="At"/> is the database's clock when it was written.</summary>
internal sealed record AuditRecord(
    long Id,
    DateTime At,
    AuditActorKind ActorKind,
    string Actor,
    string? Address,
    AuditAction Action,
    AuditTarget? Target,
    string? TargetId,
    long? CampaignId,
    JsonObject Details)
{
    /// <summary>The place right after this entry in the trail's order (newest first), for the next page.</summary>
    public AuditCursor Cursor => new(At, Id);
}
