using System.Text.Json;
using AutoDialer.Testing;
using Dapper;

namespace AutoDialer.Dialing.Tests;

/// <summary>
/// <c>autodialer demo</c> as a child process: its simulated agents are shown screen pops and record dispositions and
/// callbacks, and its summary counts them from the simulated pages and from the database, and finds nothing missing.
/// </summary>
[Collection("postgres")]
public sealed class DemoAgentSideTests(PostgresFixture postgres)
{
    [Fact]
    public async Task The_demo_summary_counts_screen_pops_dispositions_and_callbacks_and_every_disposition_recorded_is_stored_and_audited()
    {
        var db = await postgres.CreateDatabaseAsync("demo_agent_side");
        using var home = new TemporaryDirectory("autodialer-demo-agent-side-", TemporaryDirectory.Private);
        await using var demo = ServeProcess.Start(["demo", "--agents", "10", "--contacts", "300", "--json"],
            new Dictionary<string, string> { ["AUTODIALER_DB"] = postgres.ConnectionStringOf(db), ["AUTODIALER_HOME"] = home.Path });
        Assert.True(await demo.WaitForExitAsync(TimeSpan.FromSeconds(180)), $"the demo did not finish:\n{demo.Output}");
        var exitCode = await demo.Exited;
        Assert.True(exitCode == 0, $"the demo failed ({exitCode}):\n{demo.Output}");

        using var summary = JsonDocument.Parse(demo.LastOutputLine!);
        var root = summary.RootElement;
        var recorded = Counts(root.GetProperty("dispositions"));
        var stored = Counts(root.GetProperty("dispositions_stored"));
        Assert.True(root.GetProperty("screen_pops").GetInt64() > 0, demo.LastOutputLine);
        Assert.True(recorded.Values.Sum() > 0, demo.LastOutputLine);
        // Each call keeps its last code; a page's try at another call that was its agent's own after all may add one.
        Assert.True(stored.Values.Sum() >= recorded.Values.Sum(), demo.LastOutputLine);
        Assert.Equal(0, root.GetProperty("dispositions_not_stored").GetInt64());
        Assert.Equal(0, root.GetProperty("dispositions_not_audited").GetInt64());
        var callbacks = root.GetProperty("callbacks");
        Assert.True(callbacks.GetProperty("scheduled").GetInt64() > 0, demo.LastOutputLine);
        Assert.True(callbacks.GetProperty("dialled").GetInt64() > 0, demo.LastOutputLine);

        // The summary's stored counts are the database's, and each of them is on the audit trail.
        await using var connection = await db.OpenConnectionAsync();
        Assert.Equal(stored.Values.Sum(), await connection.ExecuteScalarAsync<long>("select count(*) from attempts where disposition_code is not null"));
        Assert.True(await connection.ExecuteScalarAsync<long>("select count(*) from audit_entries where action = 'disposition_record' and actor_kind = 'agent'")
            >= stored.Values.Sum());
    }

    private static Dictionary<string, long> Counts(JsonElement counts) =>
        counts.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64(), StringComparer.Ordinal);
}
