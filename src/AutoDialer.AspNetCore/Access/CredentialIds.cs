namespace AutoDialer.AspNetCore.Access;

/// <summary>
/// The one spelling of a credential's identity, as a bridge token records who minted it: an API key by its name, a
/// dashboard user by theirs, and <see cref="Local"/> for a request served for being local (no credentials configured).
/// Names only, never a secret.
/// </summary>
internal static class CredentialIds
{
    public const string Local = "local";
    private const string KeyPrefix = "key:";
    private const string UserPrefix = "user:";

    public static string OfKey(string name) => KeyPrefix + name;

    public static string OfUser(string name) => UserPrefix + name;

    /// <summary>The API key name in <paramref name="id"/>, or null when it names something else.</summary>
    public static string? KeyName(string id) => id.StartsWith(KeyPrefix, StringComparison.Ordinal) ? id[KeyPrefix.Length..] : null;

    /// <summary>The dashboard user name in <paramref name="id"/>, or null when it names something else.</summary>
    public static string? UserName(string id) => id.StartsWith(UserPrefix, StringComparison.Ordinal) ? id[UserPrefix.Length..] : null;
}
