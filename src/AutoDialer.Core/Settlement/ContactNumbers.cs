namespace AutoDialer.Core.Settlement;

/// <summary>What is stored about a contact's numbers when an outcome for one of its attempts arrives.</summary>
/// <param name="DialledCurrent">The attempt dialled the contact's current number (not one it has since moved on from).</param>
/// <param name="Failures">Failed attempts on the current number before this one.</param>
/// <param name="Alternates">Other numbers it still has to try after the current one.</param>
internal sealed record ContactNumbers(bool DialledCurrent, int Failures, int Alternates)
{
    /// <summary>A contact with one number, as every contact imported without other numbers is.</summary>
    public static ContactNumbers Single { get; } = new(true, 0, 0);
}
