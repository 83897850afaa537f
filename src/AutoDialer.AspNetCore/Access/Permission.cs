namespace AutoDialer.AspNetCore.Access;

/// <summary>
/// What an endpoint lets a caller do, declared on the endpoint (<see cref="PermissionEndpointConventionBuilderExtensions.RequirePermission{TBuilder}"/>)
/// and granted by role (<see cref="Permissions.MinimumRole"/>): the one table of who may do what. <c>GET api/me</c> lists
/// the ones a caller holds, by their names in <see cref="Permissions"/>, and the dashboard shows only what they allow.
/// </summary>
internal enum Permission
{
    /// <summary>Every read: campaigns, progress, attempts, uploads and their reports, agents, numbers, jobs, the do-not-call list.</summary>
    Read,

    /// <summary>Start, pause and resume a campaign.</summary>
    RunCampaigns,

    /// <summary>Upload a contact list to a campaign.</summary>
    UploadLists,

    /// <summary>Add numbers to the do-not-call list (typed or from a file).</summary>
    AddDoNotCall,

    /// <summary>
    /// Mint an agent's bridge token and vendor tokens. Held by operators and admins for every agent their credential may act
    /// for; an API key scoped to agents holds it for those agents whatever its role (<see cref="AgentAccess"/>).
    /// </summary>
    ActForAgents,

    /// <summary>
    /// Create and delete campaigns and change their settings. Creating is admin's too, not operator's: a new campaign takes its
    /// whole settings (provider account, agents, caller numbers, windows), so an operator who could create one could set
    /// everything the settings page keeps from it.
    /// </summary>
    EditCampaigns,

    /// <summary>Cancel a campaign (final: it cannot be resumed).</summary>
    CancelCampaigns,

    /// <summary>Take numbers off the do-not-call list (its contacts may be dialled again).</summary>
    RemoveDoNotCall,

    /// <summary>Trigger and requeue jobs, here and in the Hangfire Dashboard (which is read-only to the other roles).</summary>
    RunJobs,

    /// <summary>Read the audit trail.</summary>
    ReadAudit,
}

/// <summary>The API's word for each <see cref="Permission"/>, and the least role that holds it.</summary>
internal static class Permissions
{
    public const string Read = "read";
    public const string RunCampaigns = "run_campaigns";
    public const string UploadLists = "upload_lists";
    public const string AddDoNotCall = "add_do_not_call";
    public const string ActForAgents = "act_for_agents";
    public const string EditCampaigns = "edit_campaigns";
    public const string CancelCampaigns = "cancel_campaigns";
    public const string RemoveDoNotCall = "remove_do_not_call";
    public const string RunJobs = "run_jobs";
    public const string ReadAudit = "read_audit";

    /// <summary>Every permission, in declaration order.</summary>
    public static IReadOnlyList<Permission> All { get; } = Array.AsReadOnly(Enum.GetValues<Permission>());

    public static string ToName(this Permission permission) => permission switch
    {
        Permission.Read => Read,
        Permission.RunCampaigns => RunCampaigns,
        Permission.UploadLists => UploadLists,
        Permission.AddDoNotCall => AddDoNotCall,
        Permission.ActForAgents => ActForAgents,
        Permission.EditCampaigns => EditCampaigns,
        Permission.CancelCampaigns => CancelCampaigns,
        Permission.RemoveDoNotCall => RemoveDoNotCall,
        Permission.RunJobs => RunJobs,
        Permission.ReadAudit => ReadAudit,
        _ => throw new ArgumentOutOfRangeException(nameof(permission), permission, "Not a defined permission."),
    };

    /// <summary>The least role that holds <paramref name="permission"/>: the whole table of who may do what.</summary>
    public static AccessRole MinimumRole(this Permission permission) => permission switch
    {
        Permission.Read => AccessRole.Viewer,
        Permission.RunCampaigns or Permission.UploadLists or Permission.AddDoNotCall or Permission.ActForAgents => AccessRole.Operator,
        Permission.EditCampaigns or Permission.CancelCampaigns or Permission.RemoveDoNotCall or Permission.RunJobs or Permission.ReadAudit => AccessRole.Admin,
        _ => throw new ArgumentOutOfRangeException(nameof(permission), permission, "Not a defined permission."),
    };

    /// <summary>The permissions <paramref name="role"/> holds, in declaration order.</summary>
    public static IReadOnlyList<Permission> Of(AccessRole role) => All.Where(p => role >= p.MinimumRole()).ToArray();
}
