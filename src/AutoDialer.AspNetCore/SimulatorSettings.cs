namespace AutoDialer.AspNetCore;

/// <summary>The built-in call-center simulator account (<c>AutoDialer:Simulator</c>), the embedded default provider.</summary>
public sealed class SimulatorSettings
{
    public bool Enabled { get; set; } = true;
    public string AccountId { get; set; } = "simulator";
    public int Agents { get; set; } = 10;
    public int Seed { get; set; } = 1;
}
