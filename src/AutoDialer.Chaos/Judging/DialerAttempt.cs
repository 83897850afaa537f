namespace AutoDialer.Chaos.Judging;

/// <summary>The dialer's record of one attempt, as the judge compares it with the truth.</summary>
/// <param name="HasEndEvent">The vendor's hang-up event for this call is stored and bound to the attempt.</param>
internal sealed record DialerAttempt(long Id, long ContactId, string Phone, string Status, string? Outcome, bool HasEndEvent)
{
    public string BusinessId => Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The campaign that leased it (the chaos run has two over the same numbers).</summary>
    public long CampaignId { get; init; } = 1;

    /// <summary>The callback it dialled; null when it dialled no callback.</summary>
    public CallbackCall? Callback { get; init; }

    /// <summary>When it was settled (first or last settlement: a revision may move it later); null when not settled.</summary>
    public DateTimeOffset? SettledAt { get; init; }

    /// <summary>Its node and what the vendor (or the dialer on its behalf) said: printed with a violation, so a failed run
    /// on CI, whose work directory is gone, still tells which path the attempt took.</summary>
    public AttemptWhy? Why { get; init; }

    /// <summary>The attempt as a violation's example names it.</summary>
    public override string ToString() =>
        $"attempt {Id} {Status} {Outcome ?? "-"}" + (Why is { } why ? $" on {why.Node}: {why.VendorCode ?? "-"} {why.VendorMessage}".TrimEnd() : "");
}

/// <summary>The node that leased an attempt and the vendor code and message it was settled or marked with.</summary>
internal sealed record AttemptWhy(string Node, string? VendorCode, string? VendorMessage);
