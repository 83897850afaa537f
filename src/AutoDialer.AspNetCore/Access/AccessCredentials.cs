using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace AutoDialer.AspNetCore.Access;

/// <summary>
/// The credentials configured now (<c>AutoDialer:Auth</c>, read through <see cref="IOptionsMonitor{TOptions}"/>): which
/// key a presented text is, which user a name is, and, for a credential named by its id (<see cref="CredentialIds"/>),
/// whether it still exists, what secret stands behind it and which agents it may act for. What a bridge token checks,
/// on every use, about the credential that minted it.
/// </summary>
internal sealed class AccessCredentials(IOptionsMonitor<AccessOptions> access)
{
    public AccessOptions Current => access.CurrentValue;

    /// <summary>Whether any credential is configured: if not, AutoDialer serves local requests only, and those without credentials.</summary>
    public bool AreConfigured => Current.IsConfigured;

    /// <summary>The configured key whose text is <paramref name="presented"/>, or null.</summary>
    public ApiKeyCredential? FindKey(string presented)
    {
        ArgumentNullException.ThrowIfNull(presented);
        // Compared as digests in constant time, every key: neither a key's length nor a matching prefix leaks through timing.
        var digest = Digest(presented);
        ApiKeyCredential? found = null;
        foreach (var key in Current.ActiveKeys)
        {
            if (CryptographicOperations.FixedTimeEquals(Digest(key.Key), digest))
                found = key;
        }
        return found;
    }

    /// <summary>The configured dashboard user named <paramref name="name"/>, or null.</summary>
    public DashboardUser? FindUser(string? name) =>
        string.IsNullOrEmpty(name) ? null : Current.Users.FirstOrDefault(u => string.Equals(u.Name, name, StringComparison.Ordinal));

    /// <summary>
    /// The secret behind a credential today: an API key's text, a user's password hash, or <see cref="CredentialIds.Local"/>
    /// while no credentials are configured. Null when the credential no longer exists, so anything bound to it stops working.
    /// </summary>
    public string? SecretOf(string credentialId)
    {
        ArgumentNullException.ThrowIfNull(credentialId);
        if (credentialId == CredentialIds.Local)
            return AreConfigured ? null : CredentialIds.Local;
        if (CredentialIds.KeyName(credentialId) is { } keyName)
            return Current.ActiveKeys.FirstOrDefault(k => string.Equals(k.Name, keyName, StringComparison.Ordinal))?.Key;
        if (CredentialIds.UserName(credentialId) is { } userName)
            return FindUser(userName) is { PasswordHash.Length: > 0 } user ? user.PasswordHash : null;
        return null;
    }

    /// <summary>
    /// Whether the credential may act for <paramref name="agentId"/> today (<see cref="AgentAccess"/>): a scoped key only for
    /// its agents, whatever its role; an unscoped key or a user only while its role is operator or admin.
    /// </summary>
    public bool MayActFor(string credentialId, string agentId)
    {
        ArgumentNullException.ThrowIfNull(credentialId);
        if (credentialId == CredentialIds.Local)
            return !AreConfigured;
        if (CredentialIds.KeyName(credentialId) is { } keyName)
            return Current.ActiveKeys.FirstOrDefault(k => string.Equals(k.Name, keyName, StringComparison.Ordinal)) is { } key
                   && key.MayActFor(agentId) && (key.IsScoped || MayActForAll(key.Role));
        return CredentialIds.UserName(credentialId) is { } userName && FindUser(userName) is { } user && MayActForAll(user.Role);
    }

    private static bool MayActForAll(string role) => AccessRoles.Parse(role) >= Permission.ActForAgents.MinimumRole();

    private static byte[] Digest(string text) => SHA256.HashData(Encoding.UTF8.GetBytes(text));
}
