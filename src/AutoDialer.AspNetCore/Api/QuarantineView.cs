using AutoDialer.PostgreSql.Events;

namespace AutoDialer.AspNetCore.Api;

/// <summary>How many vendor events were quarantined (cluster-wide, ever), and the most recent of them with their reasons.</summary>
internal sealed record QuarantineView(long Count, IReadOnlyList<QuarantinedEvent> Recent);
