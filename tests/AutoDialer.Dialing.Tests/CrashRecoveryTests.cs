using System.Diagnostics;
using AutoDialer.Testing;
using Dapper;

namespace AutoDialer.Dialing.Tests;

[Collection("postgres")]
public sealed class CrashRecoveryTests(PostgresFixture postgres)
{
    private const int Budget = 3 + 1; // the demo campaign's, and one more for a callback its simulated agents asked for (callbacks.extra_attempts)

    /// <summary>
    /// The real host (<c>autodialer demo</c>) as a child process against the test database, killed mid-campaign and
    /// started again on the same campaign (<c>--campaign</c> resumes it). Every make-call of both processes is appended
    /// to a witness file before it is sent. No attempt may be dialled twice across the two processes, the attempts the
    /// killed process left live must be settled (by the stale sweeper, as unknown: the new process's call center has
    /// no such call), and no contact may exceed its budget.
    /// </summary>
    [Fact]
    public async Task Killing_a_dispatcher_mid_campaign_and_restarting_it_dials_nothing_twice_and_settles_everything()
    {
        var db = await postgres.CreateDatabaseAsync("crash");
        await DialingRig.InstallAttemptWitnessAsync(db);
        using var home = new TemporaryDirectory("autodialer-crash-", TemporaryDirectory.Private);
        var witness = Path.Combine(home.Path, "make-calls.txt");
        var connection = postgres.ConnectionStringOf(db);

        await using (var first = StartDemo(connection, home.Path, witness))
        {
            // Bounded wait for the first process to have created the campaign and dialled a good share of it.
            var started = Stopwatch.StartNew();
            while (await LiveAndSettledAsync(db) is var (live, settled) && !(settled >= 100 && live > 0))
            {
                Assert.True(started.Elapsed < TimeSpan.FromSeconds(60) && !first.HasExited,
                    $"the first demo process did not get going: {settled} settled, {live} live; exited {first.HasExited}");
                await Task.Delay(50);
            }
            await first.KillAsync();
        }
        var (liveAtKill, _) = await LiveAndSettledAsync(db);
        Assert.True(liveAtKill > 0, "the kill should leave attempts live");
        long campaign;
        await using (var read = await db.OpenConnectionAsync())
            campaign = await read.ExecuteScalarAsync<long>("select id from campaigns where name = 'crash-test'");

        await using (var second = StartDemo(connection, home.Path, witness))
        {
            Assert.True(await second.WaitForExitAsync(TimeSpan.FromSeconds(120)), $"the restarted demo did not finish:\n{second.Output}");
            var exitCode = await second.Exited;
            Assert.True(exitCode == 0, $"the restarted demo failed ({exitCode}):\n{second.Output}");
        }

        await DialingRig.AssertFinishedCleanlyAsync(db, campaign, Budget);
        var dialled = (await File.ReadAllLinesAsync(witness)).Where(l => l.Length > 0).GroupBy(l => l).ToDictionary(g => g.Key, g => g.Count());
        await DialingRig.AssertEveryMakeCallOnceAsync(db, dialled);
        await using var connection2 = await db.OpenConnectionAsync();
        var staleSettled = await connection2.ExecuteScalarAsync<long>(
            "select count(*) from attempts where campaign_id = @campaign and outcome = 'unknown' and vendor_code is distinct from null", new { campaign });
        Assert.True(staleSettled > 0, "attempts left live by the killed process should have been settled as unknown");
        Assert.Equal(2, await connection2.ExecuteScalarAsync<long>("select count(distinct node) from attempts where campaign_id = @campaign", new { campaign }));
    }

    private static ServeProcess StartDemo(string connectionString, string home, string witness) =>
        ServeProcess.Start(["demo", "--agents", "20", "--contacts", "400", "--campaign", "crash-test", "--witness", witness, "--json"],
            new Dictionary<string, string>
            {
                ["AUTODIALER_DB"] = connectionString,
                ["AUTODIALER_HOME"] = home,
                // 10 simulated minutes = 1 s of wall time at the demo's 600×: the killed process's live attempts settle quickly.
                ["AutoDialer__Dialing__StaleAfter"] = "00:10:00",
            });

    private static async Task<(long Live, long Settled)> LiveAndSettledAsync(Npgsql.NpgsqlDataSource db)
    {
        await using var connection = await db.OpenConnectionAsync();
        return await connection.QuerySingleAsync<(long, long)>(
            "select count(*) filter (where status <> 'settled'), count(*) filter (where status = 'settled') from attempts");
    }
}
