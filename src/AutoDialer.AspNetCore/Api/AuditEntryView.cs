using System.Text.Json.Nodes;
using AutoDialer.Core.StoredWords;
using AutoDialer.PostgreSql.Audit;

namespace AutoDialer.AspNetCore.Api;

/// <summary>One audit entry as the API shows it: the stored words, the actor's name and address, the details as written.</summary>
internal sealed record AuditEntryView(
    long Id,
    DateTime At,
    string ActorKind,
    string Actor,
    string? Address,
    string Action,
    string? TargetType,
    string? TargetId,
    long? CampaignId,
    JsonObject Details)
{
    public static AuditEntryView From(AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new(record.Id, record.At, record.ActorKind.ToName(), record.Actor, record.Address, record.Action.ToName(),
            record.Target?.ToName(), record.TargetId, record.CampaignId, record.Details);
    }
}

/// <summary>A page of the trail; <see cref="NextCursor"/> (null on the last page) is the <c>cursor</c> of the next.</summary>
internal sealed record AuditPageView(IReadOnlyList<AuditEntryView> Entries, string? NextCursor);
