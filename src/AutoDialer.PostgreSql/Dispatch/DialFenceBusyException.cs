namespace AutoDialer.PostgreSql.Dispatch;

/// <summary>
/// An operator's change waited <see cref="DialFence.ChangeWaitLimit"/> for calls being placed that it touches and they
/// did not finish: the change was rolled back, nothing was changed, and trying again is safe.
/// </summary>
internal sealed class DialFenceBusyException(string what, TimeSpan waited, Exception inner)
    : Exception($"The {what} was not made: calls being placed that it touches did not finish within {waited.TotalSeconds:0} s. Nothing was changed; try again.", inner)
{
    /// <summary>How long the change waited.</summary>
    public TimeSpan Waited { get; } = waited;
}
