namespace AutoDialer.AspNetCore;

/// <summary>Settings of the API and dashboard, under the <c>AutoDialer</c> section beside <see cref="AutoDialerOptions"/>.</summary>
public sealed class OperationsOptions
{
    /// <summary>The largest list upload accepted, in bytes (default 4 GiB).</summary>
    public long MaxUploadBytes { get; set; } = 4L << 30;

    /// <summary>How often the live feed looks for changes to push to open dashboards.</summary>
    public TimeSpan LiveUpdateInterval { get; set; } = TimeSpan.FromSeconds(1);
}
