namespace AutoDialer.AspNetCore;

/// <summary>
/// Where <c>MapAutoDialer</c> put AutoDialer in the application's URL space, for the parts configured before the routes
/// exist (the sign-in redirect).
/// </summary>
internal sealed class AutoDialerRoutes
{
    /// <summary>"" at the root, else "/autodialer" style: leading slash, no trailing one.</summary>
    public string Prefix { get; internal set; } = "";

    public string Api => Prefix + "/api";
    public string Login => Prefix + "/login";
    public string Dashboard => Prefix + "/";

    /// <summary>The Hangfire Dashboard (jobs, history, failures with their exceptions, servers).</summary>
    public string Hangfire => Prefix + "/hangfire";

    internal static string Normalize(string? prefix)
    {
        var trimmed = (prefix ?? "").Trim().Trim('/');
        return trimmed.Length == 0 ? "" : "/" + trimmed;
    }
}
