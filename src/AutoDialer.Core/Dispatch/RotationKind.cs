namespace AutoDialer.Core.Dispatch;

/// <summary>Which <see cref="ICallerNumberRotation"/> a campaign uses; stored as <c>round_robin</c>, <c>least_used</c>, <c>local_presence</c>.</summary>
internal enum RotationKind
{
    RoundRobin,
    LeastUsed,
    LocalPresence,
}
