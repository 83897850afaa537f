namespace AutoDialer.Core.Campaigns;

/// <summary>Thrown by the validating factories when settings are not usable; carries every error, not just the first.</summary>
internal sealed class SettingsValidationException : ArgumentException
{
    public SettingsValidationException(IReadOnlyList<SettingsError> errors)
        : base("Invalid settings: " + string.Join("; ", errors))
    {
        Errors = errors;
    }

    public IReadOnlyList<SettingsError> Errors { get; }
}
