using System.ComponentModel.DataAnnotations;

namespace AutoDialer.AspNetCore;

/// <summary>Settings of the API and dashboard, under the <c>AutoDialer</c> section beside <see cref="AutoDialerOptions"/>.</summary>
internal sealed class OperationsOptions
{
    /// <summary>The largest list upload accepted, in bytes (default 4 GiB, at least 1 KiB).</summary>
    [Range(1024, long.MaxValue, ErrorMessage = "AutoDialer:MaxUploadBytes must be at least {1}")]
    public long MaxUploadBytes { get; set; } = 4L << 30;

    /// <summary>How often the live feed looks for changes to push to open dashboards (default 1 s, 50 ms to 1 min).</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00", ErrorMessage = "AutoDialer:LiveUpdateInterval must be between {1} and {2}")]
    public TimeSpan LiveUpdateInterval { get; set; } = TimeSpan.FromSeconds(1);
}
