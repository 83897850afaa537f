namespace AutoDialer.Core.Dispatch;

/// <summary>Chooses which caller number a call shows. Implementations are stateless: all state comes in the request.</summary>
internal interface ICallerNumberRotation
{
    /// <summary>The number to use, or null when none of the campaign's numbers may be used now.</summary>
    CallerNumber? Choose(CallerNumberChoice request);
}
