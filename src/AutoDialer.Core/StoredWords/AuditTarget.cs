namespace AutoDialer.Core.StoredWords;

/// <summary>What an audit entry's action was done to; stored by its name in <see cref="AuditTargets"/>.</summary>
internal enum AuditTarget
{
    /// <summary>A campaign, by its id.</summary>
    Campaign,

    /// <summary>An uploaded contact list, by its upload id.</summary>
    Upload,

    /// <summary>The do-not-call list (one list: no id).</summary>
    DoNotCall,

    /// <summary>A recurring job, by its id (<c>nightly-7</c>).</summary>
    RecurringJob,

    /// <summary>A background job, by its id.</summary>
    Job,

    /// <summary>A dashboard user, by the name given (for a failed sign-in, whatever was typed).</summary>
    User,

    /// <summary>A call (an attempt), by its id.</summary>
    Attempt,
}
