namespace AutoDialer.Chaos.Judging;

/// <summary>What the operator did while the campaign dialled, each with the moment the API answered: numbers added
/// to the do-not-call list, the dial budget in force from a moment on, and the campaign's pauses.</summary>
internal sealed record OperatorActions
{
    /// <summary>Number (as the dialer stores it) → when the API confirmed it on the list.</summary>
    public IReadOnlyDictionary<string, DateTimeOffset> DoNotCallAdded { get; init; } = new Dictionary<string, DateTimeOffset>();

    /// <summary>Dials a contact may have, from a moment on (the first entry from the start); sorted by time.</summary>
    public IReadOnlyList<(DateTimeOffset From, int Dials)> Budget { get; init; } = [];

    /// <summary>From the pause's confirmation to the resume's request.</summary>
    public IReadOnlyList<(DateTimeOffset From, DateTimeOffset To)> Pauses { get; init; } = [];

    public int BudgetAt(DateTimeOffset at)
    {
        var budget = int.MaxValue;
        foreach (var (from, dials) in Budget)
        {
            if (from <= at)
            {
                budget = dials;
            }
        }

        return budget;
    }
}
