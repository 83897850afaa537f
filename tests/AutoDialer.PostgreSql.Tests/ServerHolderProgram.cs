using AutoDialer.PostgreSql.Embedded;

namespace AutoDialer.PostgreSql.Tests;

/// <summary>
/// Entry point of this assembly when a test runs it as a child process (`dotnet AutoDialer.PostgreSql.Tests.dll
/// hold-server HOME FALLBACK`): starts the embedded server, prints "port N", and holds it until stdin closes
/// or a signal arrives. xUnit loads the assembly without running this.
/// </summary>
public static class ServerHolderProgram
{
    public static async Task<int> Main(string[] args)
    {
        if (args is not ["hold-server", var home, var fallbackRoot])
        {
            await Console.Error.WriteLineAsync("usage: hold-server HOME FALLBACK_ROOT");
            return 2;
        }

        await using var server = await EmbeddedPostgres.StartAsync(
            new EmbeddedPostgresOptions { Home = home, FallbackRoot = fallbackRoot }, logger: null, CancellationToken.None);
        server.StopOnProcessExit();
        Console.WriteLine($"port {server.Port}");
        Console.Out.Flush();
        await Console.In.ReadLineAsync();
        return 0;
    }
}
