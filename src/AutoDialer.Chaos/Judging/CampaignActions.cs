namespace AutoDialer.Chaos.Judging;

/// <summary>What the operator did to one campaign: the dial budget in force from a moment on, and its pauses.</summary>
internal sealed record CampaignActions
{
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
