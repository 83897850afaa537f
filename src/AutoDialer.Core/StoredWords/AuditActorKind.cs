namespace AutoDialer.Core.StoredWords;

/// <summary>Who an audit entry's actor is; stored by its name in <see cref="AuditActorKinds"/>.</summary>
internal enum AuditActorKind
{
    /// <summary>A person signed in to the dashboard, named by their user name.</summary>
    User,

    /// <summary>A program with an API key, named by the key's name (never its text).</summary>
    ApiKey,

    /// <summary>A request served for being local while no credentials are configured, named <c>local</c>.</summary>
    Local,

    /// <summary>An agent, through its workbench page, named by its agent id (the provider account is in the details).</summary>
    Agent,
}
