namespace AutoDialer.AspNetCore;

/// <summary>Settings under the <c>AutoDialer</c> configuration section.</summary>
public sealed class AutoDialerOptions
{
    public const string Section = "AutoDialer";

    /// <summary>Npgsql connection string of the database that holds campaigns and the job store.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>Where uploaded lists wait for their import job, and where reports are written.</summary>
    public string DataDirectory { get; set; } = Path.Combine(
        Environment.GetEnvironmentVariable("AUTODIALER_HOME") is { Length: > 0 } home
            ? home
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".autodialer"));

    /// <summary>How often a failed list import is tried again, and the first wait (each next wait is 4× longer).</summary>
    public int ImportRetries { get; set; } = 3;
    public TimeSpan ImportRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    public SimulatorSettings Simulator { get; set; } = new();

    /// <summary>Jobs running at once on this node.</summary>
    public int JobConcurrency { get; set; } = 4;

    /// <summary>How often a cluster node records that it is alive; a node silent for longer than the threshold is failed over.</summary>
    public TimeSpan ClusterCheckinInterval { get; set; } = TimeSpan.FromSeconds(7.5);
    public TimeSpan ClusterCheckinMisfireThreshold { get; set; } = TimeSpan.FromSeconds(20);
}
