namespace AutoDialer.AspNetCore.Tests;

/// <summary>The <c>autodialer</c> executable built next to these tests, for tests that run it as a process of its own.</summary>
internal static class HostBuild
{
    /// <summary>The host built in the same configuration as this test, found from the repository root.</summary>
    public static string Dll()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        var configuration = directory.Parent?.Name ?? "Debug"; // …/bin/<configuration>/net10.0/
        while (directory is not null && !Directory.Exists(Path.Combine(directory.FullName, "src", "AutoDialer.Host")))
            directory = directory.Parent;
        Assert.NotNull(directory);
        var dll = Path.Combine(directory.FullName, "src", "AutoDialer.Host", "bin", configuration, "net10.0", "autodialer.dll");
        Assert.True(File.Exists(dll), $"{dll} is missing: build src/AutoDialer.Host");
        return dll;
    }
}
