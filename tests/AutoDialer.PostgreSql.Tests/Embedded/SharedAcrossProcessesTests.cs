using AutoDialer.Testing;
using System.Diagnostics;
using AutoDialer.PostgreSql.Embedded;

namespace AutoDialer.PostgreSql.Tests.Embedded;

/// <summary>Several processes on one home, started from this assembly's <see cref="ServerHolderProgram"/>.</summary>
public sealed class SharedAcrossProcessesTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task ProcessesShareOneServerWhichOutlivesACrashedOwnerAndStopsOnTheLastOnesSigterm()
    {
        using var home = new TemporaryDirectory("autodialer-home-", TemporaryDirectory.Reachable);
        using var fallbackRoot = new TemporaryDirectory("autodialer-clusters-", TemporaryDirectory.Reachable);
        var options = new EmbeddedPostgresOptions { Home = home.Path, FallbackRoot = fallbackRoot.Path };
        using var crashed = StartHolder(options);
        using var survivor = StartHolder(options);
        string? dataDirectory = null;
        try
        {
            // Started together on a fresh home: one initdb, one server.
            var ports = await Task.WhenAll(ReadPortAsync(crashed), ReadPortAsync(survivor));
            Assert.Equal(ports[0], ports[1]);

            crashed.Kill(); // SIGKILL: no chance to clean up its lease
            await crashed.WaitForExitAsync().WaitAsync(Patience);

            var reuser = await EmbeddedPostgres.StartAsync(options, logger: null, CancellationToken.None);
            dataDirectory = reuser.DataDirectory;
            Assert.Equal(ports[0], reuser.Port);
            Assert.Equal(1, await ServerProbe.SelectOneAsync(reuser.ConnectionString));

            await reuser.DisposeAsync();
            Assert.Equal(1, await ServerProbe.SelectOneAsync(reuser.ConnectionString)); // the survivor still uses it

            await Signal("TERM", survivor);
            await survivor.WaitForExitAsync().WaitAsync(Patience);

            await ServerProbe.AssertStoppedAsync(reuser.ConnectionString, reuser.DataDirectory);
            Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(home.Path, "pg.leases")));
        }
        finally
        {
            foreach (var holder in new[] { crashed, survivor }.Where(p => !p.HasExited))
            {
                holder.Kill();
                await holder.WaitForExitAsync();
            }

            if (dataDirectory is null || File.Exists(Path.Combine(dataDirectory, "postmaster.pid")))
            {
                // Whatever went wrong, do not leave a server behind: the last user stops it.
                await (await EmbeddedPostgres.StartAsync(options, logger: null, CancellationToken.None)).DisposeAsync();
            }
        }
    }

    private static Process StartHolder(EmbeddedPostgresOptions options)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        var startInfo = new ProcessStartInfo(dotnet)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { typeof(ServerHolderProgram).Assembly.Location, "hold-server", options.Home, options.FallbackRoot })
        {
            startInfo.ArgumentList.Add(argument);
        }

        return Process.Start(startInfo)!;
    }

    private static async Task<int> ReadPortAsync(Process holder)
    {
        var line = await holder.StandardOutput.ReadLineAsync().WaitAsync(Patience);
        if (line is null || !line.StartsWith("port ", StringComparison.Ordinal))
        {
            Assert.Fail($"The server holder did not report a port: {line}{Environment.NewLine}{await holder.StandardError.ReadToEndAsync()}");
        }

        return int.Parse(line["port ".Length..]);
    }

    private static async Task Signal(string signal, Process process)
    {
        using var kill = Process.Start("kill", ["-" + signal, process.Id.ToString()]);
        await kill.WaitForExitAsync();
        Assert.Equal(0, kill.ExitCode);
    }
}
