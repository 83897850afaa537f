using System.ComponentModel.DataAnnotations;

namespace AutoDialer.Simulation;

/// <summary>
/// The simulated call-center account <c>AddAutoDialerSimulator()</c> adds when it is given no options in code
/// (<c>AutoDialer:Simulator</c>; <c>serve --simulate</c>, tests). Off unless a host asks for it.
/// </summary>
public sealed class SimulatorSettings
{
    public const string Section = "AutoDialer:Simulator";

    /// <summary>The name campaigns use for the simulated account (default <c>simulator</c>).</summary>
    [Required(AllowEmptyStrings = false)]
    public string AccountId { get; set; } = "simulator";

    /// <summary>Simulated agents (default 10, 1 to 100 000).</summary>
    [Range(1, 100_000, ErrorMessage = "AutoDialer:Simulator:Agents must be between {1} and {2}")]
    public int Agents { get; set; } = 10;

    /// <summary>Seed of the simulated customers' behaviour (default 1).</summary>
    public int Seed { get; set; } = 1;
}
