namespace AutoDialer.AspNetCore;

/// <summary>Settings under the <c>AutoDialer</c> configuration section.</summary>
public sealed class AutoDialerOptions
{
    public const string Section = "AutoDialer";

    /// <summary>Npgsql connection string of the database that holds campaigns and the job store (schema <c>hangfire</c>).</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>Where uploaded lists wait for their import job, and where reports are written.</summary>
    public string DataDirectory { get; set; } = Path.Combine(
        Environment.GetEnvironmentVariable("AUTODIALER_HOME") is { Length: > 0 } home
            ? home
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".autodialer"));

    /// <summary>How often a failed list import is tried again (default 3), and the first wait (default 5 s; each next
    /// wait is 4× longer, at most 30 min). Hangfire counts delays in whole seconds: a shorter first wait is one second.</summary>
    public int ImportRetries { get; set; } = 3;
    public TimeSpan ImportRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    public SimulatorSettings Simulator { get; set; } = new();

    /// <summary>Hangfire workers on this node: jobs running at once (default 4).</summary>
    public int JobConcurrency { get; set; } = 4;

    /// <summary>
    /// How long a job taken by a node that stopped renewing it stays invisible to the others (default 5 min): a running
    /// job's node renews it while it runs (sliding invisibility), so only a crashed node's job waits this long.
    /// </summary>
    public TimeSpan JobInvisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Connections of the job store's own pool, apart from the dialer's (default 20).</summary>
    public int JobStorageMaxConnections { get; set; } = 20;
}
