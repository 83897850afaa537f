using System.Reflection;

namespace AutoDialer.Testing;

/// <summary>
/// How to start <c>autodialer</c>: this very program when the caller is <c>autodialer</c> (the chaos run starts its
/// nodes and call center so), else the <c>autodialer.dll</c> built in this repository in the caller's configuration
/// (a test project builds it through its reference to src/AutoDialer.Host).
/// </summary>
internal static class HostExecutable
{
    public const string AssemblyName = "autodialer";

    public static (string Program, IReadOnlyList<string> Prefix) Command()
    {
        var entry = Assembly.GetEntryAssembly();
        if (entry?.GetName().Name == AssemblyName)
        {
            var path = Environment.ProcessPath ?? throw new InvalidOperationException("this process's executable is unknown");
            // The apphost itself, or `dotnet autodialer.dll`.
            return IsDotnet(path) ? (path, [entry.Location]) : (path, []);
        }

        return (Environment.ProcessPath is { } current && IsDotnet(current) ? current : "dotnet", [BuiltDll()]);
    }

    /// <summary>src/AutoDialer.Host/bin/&lt;configuration&gt;/net10.0/autodialer.dll in this repository, the configuration
    /// being the caller's own (…/bin/&lt;configuration&gt;/net10.0/).</summary>
    private static string BuiltDll()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent?.Name ?? "Debug";
        var dll = RepositoryFiles.PathOf("src", "AutoDialer.Host", "bin", configuration, "net10.0", AssemblyName + ".dll");
        return File.Exists(dll) ? dll : throw new InvalidOperationException($"{dll} is missing: build src/AutoDialer.Host");
    }

    private static bool IsDotnet(string path) => Path.GetFileNameWithoutExtension(path) == "dotnet";
}
