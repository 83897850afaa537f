using System.ComponentModel.DataAnnotations;

namespace AutoDialer.AspNetCore.Access;

/// <summary>
/// <c>AutoDialer:Auth</c>. Left empty, only requests from this machine are served (as Hangfire's dashboard does by
/// default). With any API key or user configured, every request needs credentials, from this machine too, the agent
/// bridge's token endpoints included. Read as it is now (<c>IOptionsMonitor</c>): a key removed from a reloaded
/// configuration stops working at once, and so do the bridge tokens it minted.
/// </summary>
internal sealed class AccessOptions : IValidatableObject
{
    public const string Section = "AutoDialer:Auth";

    /// <summary>Keys accepted in the <c>X-Api-Key</c> header: plain text (an unscoped admin key), or <see cref="ApiKeyCredential"/> objects.</summary>
    public List<ApiKeyCredential> ApiKeys { get; set; } = [];

    /// <summary>People who may sign in to the dashboard.</summary>
    public List<DashboardUser> Users { get; set; } = [];

    /// <summary>How long a dashboard sign-in lasts without activity (default 8 h, 1 min to 30 days).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00", ErrorMessage = "AutoDialer:Auth:SessionLifetime must be between {1} and {2}")]
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);

    public bool IsConfigured => ApiKeys.Any(k => !string.IsNullOrWhiteSpace(k.Key)) || Users.Any(u => !string.IsNullOrWhiteSpace(u.Name));

    /// <summary>The keys that are in force: an entry with no key text at all (an empty plain entry) is none.</summary>
    public IEnumerable<ApiKeyCredential> ActiveKeys => ApiKeys.Where(k => !string.IsNullOrWhiteSpace(k.Key));

    /// <summary>Gives each key without a name its position's name (<see cref="ApiKeyCredential.DefaultName"/>).</summary>
    internal void NameUnnamedKeys()
    {
        for (var i = 0; i < ApiKeys.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(ApiKeys[i].Name))
                ApiKeys[i].Name = ApiKeyCredential.DefaultName(i);
        }
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        for (var i = 0; i < ApiKeys.Count; i++)
        {
            var key = ApiKeys[i];
            // A named or scoped entry without its key is a mistake (an unset variable, say), never "no key": it would
            // silently leave the other settings, or the local-only mode, in force.
            if (string.IsNullOrWhiteSpace(key.Key) && (key.IsScoped || key.Name != ApiKeyCredential.DefaultName(i)))
                yield return new ValidationResult($"{Section}:ApiKeys:{i} ({key.Name}) has no Key", [nameof(ApiKeys)]);
            if (key.Agents.Any(string.IsNullOrWhiteSpace))
                yield return new ValidationResult($"{Section}:ApiKeys:{i} ({key.Name}) lists an empty agent id", [nameof(ApiKeys)]);
            if (AccessRoles.Parse(key.Role) is null)
                yield return new ValidationResult($"{Section}:ApiKeys:{i}:Role ('{key.Role}') must be viewer, operator or admin", [nameof(ApiKeys)]);
        }

        foreach (var name in ActiveKeys.GroupBy(k => k.Name, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key))
            yield return new ValidationResult($"{Section}:ApiKeys has two keys named '{name}': names must be unique", [nameof(ApiKeys)]);
        if (ActiveKeys.GroupBy(k => k.Key, StringComparer.Ordinal).Any(g => g.Count() > 1))
            yield return new ValidationResult($"{Section}:ApiKeys lists one key twice: give each client its own", [nameof(ApiKeys)]);

        for (var i = 0; i < Users.Count; i++)
        {
            if (AccessRoles.Parse(Users[i].Role) is null)
                yield return new ValidationResult($"{Section}:Users:{i}:Role ('{Users[i].Role}') must be viewer, operator or admin", [nameof(Users)]);
        }
        foreach (var name in Users.Where(u => !string.IsNullOrWhiteSpace(u.Name)).GroupBy(u => u.Name, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key))
            yield return new ValidationResult($"{Section}:Users has two users named '{name}'", [nameof(Users)]);
    }
}
