namespace AutoDialer.Core.Events;

/// <summary>The meaning of one <see cref="CallCenterEvent"/>, which stays attached as <see cref="Source"/>.</summary>
internal abstract record CallSignal(CallCenterEvent Source)
{
    public abstract CallSignalKind Kind { get; }

    public string AgentId => Source.AgentId;

    public DateTimeOffset Timestamp => Source.Timestamp;

    public string EventId => Source.EventId;
}
