namespace AutoDialer.Core.StoredWords;

/// <summary>
/// The stored names of <see cref="AuditTarget"/> (<c>audit_entries.target_type</c>, listed by the schema's
/// <c>audit_entries_target_type_check</c>; also the API's word), in both directions.
/// </summary>
internal static class AuditTargets
{
    public const string Campaign = "campaign";
    public const string Upload = "upload";
    public const string DoNotCall = "do_not_call";
    public const string RecurringJob = "recurring_job";
    public const string Job = "job";
    public const string User = "user";
    public const string Attempt = "attempt";

    /// <summary>Every target type, in declaration order.</summary>
    public static IReadOnlyList<AuditTarget> All { get; } = Array.AsReadOnly(Enum.GetValues<AuditTarget>());

    // Spelled out rather than derived from the member names so that renaming a member cannot change stored data.
    public static string ToName(this AuditTarget target) => target switch
    {
        AuditTarget.Campaign => Campaign,
        AuditTarget.Upload => Upload,
        AuditTarget.DoNotCall => DoNotCall,
        AuditTarget.RecurringJob => RecurringJob,
        AuditTarget.Job => Job,
        AuditTarget.User => User,
        AuditTarget.Attempt => Attempt,
        _ => throw new ArgumentOutOfRangeException(nameof(target), target, "Not a defined audit target."),
    };

    /// <summary>Reads a stored name.</summary>
    /// <exception cref="FormatException">The text is not a target type: the row was written by something else.</exception>
    public static AuditTarget Parse(string name) => name switch
    {
        Campaign => AuditTarget.Campaign,
        Upload => AuditTarget.Upload,
        DoNotCall => AuditTarget.DoNotCall,
        RecurringJob => AuditTarget.RecurringJob,
        Job => AuditTarget.Job,
        User => AuditTarget.User,
        Attempt => AuditTarget.Attempt,
        _ => throw new FormatException($"'{name}' is not an audit target."),
    };
}
