namespace AutoDialer.AspNetCore.Tests;

/// <summary>The dashboard's files as they ship: the resources embedded in AutoDialer.AspNetCore under <c>dashboard/</c>.</summary>
internal static class DashboardFiles
{
    private const string Prefix = "dashboard/";

    /// <summary>Each file's path under <c>assets/</c> ("lib/html.js").</summary>
    public static IEnumerable<string> Paths() =>
        typeof(AutoDialerRoutes).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal))
            .Select(n => n[Prefix.Length..].Replace('\\', '/'))
            .Order(StringComparer.Ordinal);

    public static string Text(string path)
    {
        var assembly = typeof(AutoDialerRoutes).Assembly;
        var name = assembly.GetManifestResourceNames().Single(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n[Prefix.Length..].Replace('\\', '/') == path);
        using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
        return reader.ReadToEnd();
    }
}
