namespace AutoDialer.AspNetCore.Access;

/// <summary>
/// What a credential is for, carried as its <see cref="System.Security.Claims.ClaimTypes.Role"/> claim in the words of
/// <see cref="AccessRoles"/>. Configured as one of those words, case-insensitively (<c>"Role": "operator"</c>); the
/// default is <see cref="Admin"/>, which every credential had before roles existed.
/// </summary>
internal enum AccessRole
{
    /// <summary>Reads: the dashboard, progress, reports.</summary>
    Viewer,

    /// <summary>Runs campaigns: start, pause, lists, do-not-call.</summary>
    Operator,

    /// <summary>Everything.</summary>
    Admin,
}

/// <summary>The one spelling of each <see cref="AccessRole"/>, in configuration and in a role claim.</summary>
internal static class AccessRoles
{
    public const string Viewer = "viewer";
    public const string Operator = "operator";
    public const string Admin = "admin";

    /// <summary>A configured role word, any case; null for anything else.</summary>
    public static AccessRole? Parse(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        Viewer => AccessRole.Viewer,
        Operator => AccessRole.Operator,
        Admin => AccessRole.Admin,
        _ => null,
    };

    public static string ClaimValue(AccessRole role) => role switch
    {
        AccessRole.Viewer => Viewer,
        AccessRole.Operator => Operator,
        AccessRole.Admin => Admin,
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "not a role"),
    };
}
