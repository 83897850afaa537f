namespace AutoDialer.Core.StoredWords;

/// <summary>
/// The stored names of <see cref="DialGateStage"/> (<c>dial_gate_refusals.stage</c>, listed by the schema's
/// <c>dial_gate_refusals_stage_check</c>; also the diagnostics' word), in both directions.
/// </summary>
internal static class DialGateStages
{
    public const string Lease = "lease";
    public const string Dial = "dial";

    /// <summary>Every stage, in declaration order.</summary>
    public static IReadOnlyList<DialGateStage> All { get; } = Array.AsReadOnly(Enum.GetValues<DialGateStage>());

    // Spelled out rather than derived from the member names so that renaming a member cannot change stored data.
    public static string ToName(this DialGateStage stage) => stage switch
    {
        DialGateStage.Lease => Lease,
        DialGateStage.Dial => Dial,
        _ => throw new ArgumentOutOfRangeException(nameof(stage), stage, "Not a defined dial gate stage."),
    };

    /// <summary>Reads a stored name.</summary>
    /// <exception cref="FormatException">The text is not a dial gate stage: the row was written by something else.</exception>
    public static DialGateStage Parse(string name) => name switch
    {
        Lease => DialGateStage.Lease,
        Dial => DialGateStage.Dial,
        _ => throw new FormatException($"'{name}' is not a dial gate stage."),
    };
}
