namespace AutoDialer.Chaos.Judging;

/// <summary>The dialer's record of one attempt, as the judge compares it with the truth.</summary>
/// <param name="HasEndEvent">The vendor's hang-up event for this call is stored and bound to the attempt.</param>
internal sealed record DialerAttempt(long Id, long ContactId, string Phone, string Status, string? Outcome, bool HasEndEvent)
{
    public string BusinessId => Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
