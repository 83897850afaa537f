namespace AutoDialer.Core.Campaigns;

/// <summary>One problem with a setting.</summary>
/// <param name="Field">The setting's path in the stored JSON, e.g. <c>schedule.windows[2]</c> or <c>retry.max_attempts</c>.</param>
/// <param name="Message">What is wrong, for the person who entered it.</param>
internal sealed record SettingsError(string Field, string Message)
{
    public override string ToString() => $"{Field}: {Message}";

    /// <summary>The same error, seen from the object that contains the one that reported it.</summary>
    public SettingsError Under(string parent) => this with { Field = $"{parent}.{Field}" };
}
