namespace AutoDialer.Simulation.Calls;

/// <summary>What a simulated agent does with a preview offer.</summary>
internal enum PreviewChoice
{
    Dial,
    Skip,

    /// <summary>Nothing: the countdown decides.</summary>
    Ignore,
}
