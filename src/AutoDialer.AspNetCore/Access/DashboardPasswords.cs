using Microsoft.AspNetCore.Identity;

namespace AutoDialer.AspNetCore.Access;

/// <summary>Checks dashboard sign-ins against the configured users' password hashes (ASP.NET Core Identity's PBKDF2 format).</summary>
internal sealed class DashboardPasswords(AccessCredentials credentials)
{
    private static readonly PasswordHasher<string> Hasher = new();

    /// <summary>The hash to put in <c>AutoDialer:Auth:Users[n]:PasswordHash</c> for <paramref name="password"/>.</summary>
    public static string Hash(string password) => Hasher.HashPassword("", password);

    /// <summary>The configured user when the pair is right, else null. Unknown users cost as much as wrong passwords.</summary>
    public DashboardUser? Verify(string? name, string? password)
    {
        if (string.IsNullOrEmpty(name) || string.IsNullOrEmpty(password)) return null;
        var user = credentials.FindUser(name);
        var hash = user?.PasswordHash is { Length: > 0 } configured ? configured : UnknownUserHash;
        bool matches;
        try
        {
            matches = Hasher.VerifyHashedPassword("", hash, password) != PasswordVerificationResult.Failed;
        }
        catch (FormatException)
        {
            matches = false; // a malformed configured hash never lets anyone in
        }
        return matches ? user : null;
    }

    private static readonly string UnknownUserHash = Hash(Guid.NewGuid().ToString());
}
