using System.ComponentModel.DataAnnotations;

namespace AutoDialer.AspNetCore;

/// <summary>Settings under the <c>AutoDialer</c> configuration section.</summary>
public sealed class AutoDialerOptions
{
    public const string Section = "AutoDialer";

    /// <summary>Npgsql connection string of the database that holds campaigns and the job store (schema <c>hangfire</c>). Required.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "AutoDialer:ConnectionString is not set: point it at a PostgreSQL database (or set AUTODIALER_DB)")]
    public string ConnectionString { get; set; } = "";

    /// <summary>Where uploaded lists wait for their import job (<c>uploads/</c>), and where workbooks' shared strings are cached while one is read (<c>xlsx-cache/</c>).</summary>
    public string DataDirectory { get; set; } = Path.Combine(
        Environment.GetEnvironmentVariable("AUTODIALER_HOME") is { Length: > 0 } home
            ? home
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".autodialer"));

    /// <summary>How often a failed list import is tried again (default 3, 0 to 20), and the first wait (default 5 s; each next
    /// wait is 4× longer, at most 30 min). Hangfire counts delays in whole seconds: a shorter first wait is one second.</summary>
    [Range(0, 20, ErrorMessage = "AutoDialer:ImportRetries must be between {1} and {2}")]
    public int ImportRetries { get; set; } = 3;

    [Range(typeof(TimeSpan), "00:00:00", "01:00:00", ErrorMessage = "AutoDialer:ImportRetryDelay must be between {1} and {2}")]
    public TimeSpan ImportRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Hangfire workers on this node: jobs running at once (default 4, 1 to 100).</summary>
    [Range(1, 100, ErrorMessage = "AutoDialer:JobConcurrency must be between {1} and {2}")]
    public int JobConcurrency { get; set; } = 4;

    /// <summary>
    /// How long a job taken by a node that stopped renewing it stays invisible to the others (default 5 min, 1 s to
    /// 1 day): a running job's node renews it while it runs (sliding invisibility), so only a crashed node's job waits this long.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "AutoDialer:JobInvisibilityTimeout must be between {1} and {2}")]
    public TimeSpan JobInvisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long audit entries are kept (default 400 days, 1 day to 10 years); older ones are removed once a day by the
    /// recurring job <c>audit-retention</c>.
    /// </summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00", ErrorMessage = "AutoDialer:AuditRetention must be between {1} and {2}")]
    public TimeSpan AuditRetention { get; set; } = TimeSpan.FromDays(400);

    /// <summary>Connections of the job store's own pool, apart from the dialer's (default 20, 2 to 1000).</summary>
    [Range(2, 1000, ErrorMessage = "AutoDialer:JobStorageMaxConnections must be between {1} and {2}")]
    public int JobStorageMaxConnections { get; set; } = 20;
}
