using System.Net;
using AutoDialer.Core.StoredWords;

namespace AutoDialer.PostgreSql.Audit;

/// <summary>
/// Who did something, as the audit trail records it: a dashboard user or an API key by name (never a secret), or
/// <c>local</c> while no credentials are configured; and the client's address, where there is one.
/// </summary>
internal sealed record AuditActor(AuditActorKind Kind, string Name, IPAddress? Address)
{
    /// <summary>The name a local request is recorded under (the local-only mode, or a command on this machine).</summary>
    public const string LocalName = "local";

    /// <summary>At most this many characters of a name are kept (a refused sign-in records whatever was typed).</summary>
    public const int MaxNameLength = 200;

    public string Name { get; } = Name.Length > MaxNameLength ? Name[..MaxNameLength] : Name;

    public static AuditActor Local(IPAddress? address = null) => new(AuditActorKind.Local, LocalName, address);
}
