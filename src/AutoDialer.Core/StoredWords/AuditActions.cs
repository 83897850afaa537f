namespace AutoDialer.Core.StoredWords;

/// <summary>
/// The stored names of <see cref="AuditAction"/> (<c>audit_entries.action</c>, listed by the schema's
/// <c>audit_entries_action_check</c>; also the API's word and its filter), in both directions.
/// </summary>
internal static class AuditActions
{
    public const string CampaignCreate = "campaign_create";
    public const string CampaignDelete = "campaign_delete";
    public const string CampaignSettingsChange = "campaign_settings_change";
    public const string CampaignStart = "campaign_start";
    public const string CampaignPause = "campaign_pause";
    public const string CampaignResume = "campaign_resume";
    public const string CampaignCancel = "campaign_cancel";
    public const string ListUpload = "list_upload";
    public const string DoNotCallAdd = "do_not_call_add";
    public const string DoNotCallRemove = "do_not_call_remove";
    public const string JobTrigger = "job_trigger";
    public const string JobRequeue = "job_requeue";
    public const string SignIn = "sign_in";
    public const string SignInFailure = "sign_in_failure";
    public const string DispositionRecord = "disposition_record";

    /// <summary>Every action, in declaration order.</summary>
    public static IReadOnlyList<AuditAction> All { get; } = Array.AsReadOnly(Enum.GetValues<AuditAction>());

    // Spelled out rather than derived from the member names so that renaming a member cannot change stored data.
    public static string ToName(this AuditAction action) => action switch
    {
        AuditAction.CampaignCreate => CampaignCreate,
        AuditAction.CampaignDelete => CampaignDelete,
        AuditAction.CampaignSettingsChange => CampaignSettingsChange,
        AuditAction.CampaignStart => CampaignStart,
        AuditAction.CampaignPause => CampaignPause,
        AuditAction.CampaignResume => CampaignResume,
        AuditAction.CampaignCancel => CampaignCancel,
        AuditAction.ListUpload => ListUpload,
        AuditAction.DoNotCallAdd => DoNotCallAdd,
        AuditAction.DoNotCallRemove => DoNotCallRemove,
        AuditAction.JobTrigger => JobTrigger,
        AuditAction.JobRequeue => JobRequeue,
        AuditAction.SignIn => SignIn,
        AuditAction.SignInFailure => SignInFailure,
        AuditAction.DispositionRecord => DispositionRecord,
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "Not a defined audit action."),
    };

    /// <summary>Reads a stored name.</summary>
    /// <exception cref="FormatException">The text is not an audit action: the row was written by something else.</exception>
    public static AuditAction Parse(string name) => name switch
    {
        CampaignCreate => AuditAction.CampaignCreate,
        CampaignDelete => AuditAction.CampaignDelete,
        CampaignSettingsChange => AuditAction.CampaignSettingsChange,
        CampaignStart => AuditAction.CampaignStart,
        CampaignPause => AuditAction.CampaignPause,
        CampaignResume => AuditAction.CampaignResume,
        CampaignCancel => AuditAction.CampaignCancel,
        ListUpload => AuditAction.ListUpload,
        DoNotCallAdd => AuditAction.DoNotCallAdd,
        DoNotCallRemove => AuditAction.DoNotCallRemove,
        JobTrigger => AuditAction.JobTrigger,
        JobRequeue => AuditAction.JobRequeue,
        SignIn => AuditAction.SignIn,
        SignInFailure => AuditAction.SignInFailure,
        DispositionRecord => AuditAction.DispositionRecord,
        _ => throw new FormatException($"'{name}' is not an audit action."),
    };
}
