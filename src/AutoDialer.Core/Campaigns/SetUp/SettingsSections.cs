namespace AutoDialer.Core.Campaigns.SetUp;

/// <summary>
/// The sections of the campaign settings page (the dashboard's <c>views/campaign-settings/*.js</c>, by their ids): where
/// a set-up fault is fixed (<see cref="SetUpFault.Section"/>).
/// </summary>
internal static class SettingsSections
{
    public const string Provider = "provider";
    public const string Agents = "agents";
    public const string CallerNumbers = "numbers";
    public const string Windows = "windows";
    public const string Blackout = "blackout";
    public const string Holidays = "holidays";
    public const string Retry = "retry";
    public const string FrequencyCaps = "caps";
    public const string Rotation = "rotation";
    public const string Nightly = "nightly";
}
