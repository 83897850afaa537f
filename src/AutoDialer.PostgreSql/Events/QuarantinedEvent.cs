namespace AutoDialer.PostgreSql.Events;

/// <summary>A vendor event kept aside as the page sent it (<see cref="Payload"/> is its JSON text), and why.</summary>
internal sealed record QuarantinedEvent(
    string ProviderAccount,
    string EventId,
    string AgentId,
    string Name,
    DateTimeOffset OccurredAt,
    string Payload,
    string Reason,
    DateTimeOffset QuarantinedAt);
