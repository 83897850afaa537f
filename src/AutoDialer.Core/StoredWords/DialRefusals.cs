using System.Collections.Frozen;

namespace AutoDialer.Core.StoredWords;

/// <summary>The one mapping between <see cref="DialRefusal"/> and the word stored for it (refusal counters, diagnostics, API).</summary>
public static class DialRefusals
{
    private static readonly FrozenDictionary<DialRefusal, string> Names = new Dictionary<DialRefusal, string>
    {
        [DialRefusal.CampaignNotRunning] = "campaign_not_running",
        [DialRefusal.DoNotCall] = "do_not_call",
        [DialRefusal.BudgetExhausted] = "budget_exhausted",
        [DialRefusal.DailyCap] = "daily_cap",
        [DialRefusal.Blackout] = "blackout",
        [DialRefusal.Holiday] = "holiday",
        [DialRefusal.OutsideWindow] = "outside_window",
        [DialRefusal.FrequencyCap] = "frequency_cap",
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<string, DialRefusal> ByName = Names.ToFrozenDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

    public static IReadOnlyList<DialRefusal> All { get; } = Enum.GetValues<DialRefusal>();

    public static string ToStoredName(this DialRefusal refusal) => Names[refusal];

    public static DialRefusal Parse(string name) =>
        ByName.TryGetValue(name, out var refusal) ? refusal : throw new ArgumentException($"'{name}' is not a dial refusal.", nameof(name));
}
