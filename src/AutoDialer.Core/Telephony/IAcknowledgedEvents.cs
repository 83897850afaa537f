using AutoDialer.Core.Events;

namespace AutoDialer.Core.Telephony;

/// <summary>
/// A call center whose event sources keep each event until they hear it is stored (the bridge's pages hold an outbox
/// of unacknowledged events). The one reader of <see cref="ICallCenter.Events"/> calls <see cref="CommittedAsync"/>
/// once a batch it read is committed to storage, and never before.
/// </summary>
internal interface IAcknowledgedEvents
{
    /// <summary>These events, read from <see cref="ICallCenter.Events"/>, are committed (stored now, or found stored
    /// already); their sources may forget them.</summary>
    Task CommittedAsync(IReadOnlyList<CallCenterEvent> events, CancellationToken cancellationToken);
}
