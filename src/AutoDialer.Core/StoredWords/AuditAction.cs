namespace AutoDialer.Core.StoredWords;

/// <summary>What a person did, as the audit trail records it; stored by its name in <see cref="AuditActions"/>.</summary>
internal enum AuditAction
{
    CampaignCreate,
    CampaignDelete,

    /// <summary>The campaign's settings saved; the details list each changed field (JSON path, old, new).</summary>
    CampaignSettingsChange,
    CampaignStart,
    CampaignPause,
    CampaignResume,
    CampaignCancel,

    /// <summary>A contact list uploaded to a campaign and queued for import.</summary>
    ListUpload,
    DoNotCallAdd,
    DoNotCallRemove,

    /// <summary>A recurring job run now, beside its schedule.</summary>
    JobTrigger,

    /// <summary>A finished job enqueued again.</summary>
    JobRequeue,
    SignIn,

    /// <summary>A dashboard sign-in refused (unknown user or wrong password); recorded on its own, there is no change to join.</summary>
    SignInFailure,

    /// <summary>An agent recorded the disposition (wrap-up code) of one of its calls; the details name the code, its effect and the contact.</summary>
    DispositionRecord,
}
