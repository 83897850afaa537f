using AutoDialer.Bridge.Tests.Support;
using AutoDialer.Core.Campaigns;
using AutoDialer.Core.Telephony.Udesk;
using AutoDialer.PostgreSql;
using AutoDialer.PostgreSql.Campaigns;
using AutoDialer.PostgreSql.Import;
using AutoDialer.Testing;
using Dapper;

namespace AutoDialer.Bridge.Tests;

/// <summary>
/// Issue 18: a node killed between leasing an attempt and sending its make-call. The real <c>autodialer serve</c> as a
/// separate process leases for the agent's page and then waits behind the dial fence (the test holds the do-not-call
/// bucket of the number, as an operator's change in progress does), so the make-call is certainly not sent when the
/// node is killed with SIGKILL. Started again under its name, the node gives the attempt back at once, its budget
/// refunded (before: it waited until the stale timeout and was settled unknown, budget spent, as the chaos run's
/// <c>budget_leaked</c> showed), and the contact is dialled by a new attempt: the page, the call center's side, never
/// received the first business id, and receives the second.
/// </summary>
[Collection("postgres")]
public sealed class NeverSentLeaseTests(PostgresFixture postgres)
{
    private const string Agent = "1301";
    private const string Number = "+8613800000031";

    /// <summary>How long serve may take to listen (a cold start on two shared cores).</summary>
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(90);

    private static readonly TimeSpan PollLimit = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_lease_whose_node_was_killed_before_its_make_call_is_given_back_with_its_budget_and_dialled_again_once()
    {
        await using var database = await postgres.CreateDatabaseAsync("never_sent");
        using var home = new TemporaryDirectory("autodialer-serve-", TemporaryDirectory.Reachable);
        var port = FreePort.Next();
        var environment = new Dictionary<string, string>
        {
            ["AUTODIALER_HOME"] = home.Path,
            ["AUTODIALER_DB"] = postgres.ConnectionStringOf(database),
            ["AutoDialer__Bridge__SigningKey"] = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray()),
            ["AutoDialer__Bridge__NodeId"] = "node-x",
            ["AutoDialer__Bridge__HeartbeatTimeout"] = "00:05:00",
            ["AutoDialer__Dialing__Node"] = "node-x",
            ["AutoDialer__Dialing__StaleSweepInterval"] = "00:00:01",
            // The old rule settled a lease nobody could send after the stale timeout, as unknown, once the agent's page
            // said it was on no such call: short here, so that it would have, within the test's wait.
            ["AutoDialer__Dialing__StaleAfter"] = "00:00:02",
            ["AutoDialer__Udesk__AccountId"] = BridgeHost.UdeskAccount,
            ["AutoDialer__Udesk__AppId"] = "app-never-sent-1",
            ["AutoDialer__Udesk__AppSecret"] = "udesk-secret-never-sent-7d2e",
        };
        var campaign = await StartCampaignAsync(database);

        long leased;
        await using (var fence = await database.OpenConnectionAsync())
        {
            // An operator's change to the number's do-not-call bucket in progress: the node's second check waits for it.
            await using var change = await fence.BeginTransactionAsync();
            await fence.ExecuteAsync(AdvisoryLocks.DialFenceDoNotCallSql, new { phones = new[] { Number } }, change);

            await using (var node = ServeProcess.Serve(port, environment))
            {
                await node.UntilListeningAsync(StartLimit);
                using var http = new HttpClient { BaseAddress = node.Url };
                await using var page = await SocketPage.ConnectAsync(http, Agent);
                await page.SendEventAsync(1, DateTimeOffset.UtcNow);
                leased = await RunningCampaign.UntilAsync(database, id => id > 0, PollLimit,
                    "select coalesce(max(id), 0) from attempts where status = 'dialing'");
                Assert.True(leased > 0, "the node leased nothing for its idle agent");
                Assert.True(await WaitingForTheFenceAsync(database), "the node's second check is not waiting behind the change");
                await node.KillAsync();
            }

            Assert.Equal(1L, await RunningCampaign.ScalarAsync(database, "select attempts from contacts where campaign_id = $1", campaign));

            await using (var node = ServeProcess.Serve(port, environment))
            {
                await node.UntilListeningAsync(StartLimit);
                using var http = new HttpClient { BaseAddress = node.Url };
                await using var page = await SocketPage.ConnectAsync(http, Agent);
                await page.SendEventAsync(1, DateTimeOffset.UtcNow);
                // The node comes back while the change still holds the number: the lease is given back, not dialled.
                var left = await RunningCampaign.UntilAsync(database, n => n == 0, PollLimit, "select count(*) from attempts where id = $1", leased);
                var settled = await RunningCampaign.ScalarAsync(database,
                    "select count(*) from attempts where id = $1 and outcome = 'unknown'", leased);
                Assert.True(left == 0, $"the lease never sent is still there ({settled} settled unknown, spending the contact's budget)");
                // Its budget back: the contact has spent what its attempts are, no more (a new lease may be made by now).
                Assert.Equal(0L, await RunningCampaign.ScalarAsync(database,
                    "select c.attempts - (select count(*) from attempts a where a.contact_id = c.id) from contacts c where c.campaign_id = $1", campaign));

                await change.RollbackAsync();
                var command = await page.WaitForAsync("command", m => m.GetProperty("method").GetString() == UdeskMethodNames.MakeCall);
                var businessId = command.GetProperty("args")[1].GetProperty("BizId").GetString();
                Assert.NotEqual(leased.ToString(System.Globalization.CultureInfo.InvariantCulture), businessId);
                Assert.DoesNotContain(page.Seen, m => m.GetProperty("type").GetString() == "command"
                    && m.GetProperty("method").GetString() == UdeskMethodNames.MakeCall && m.GetProperty("args")[1].GetProperty("BizId").GetString() != businessId);
                Assert.Equal(1L, await RunningCampaign.ScalarAsync(database, "select attempts from contacts where campaign_id = $1", campaign));
            }
        }
    }

    private static async Task<long> StartCampaignAsync(Npgsql.NpgsqlDataSource database)
    {
        var campaigns = new CampaignStore(database);
        var campaign = await campaigns.CreateAsync("never-sent", CampaignSettings.Default("Asia/Shanghai") with
        {
            Schedule = CallingSchedule.Always("Asia/Shanghai"),
            ProviderAccount = BridgeHost.UdeskAccount,
            AgentIds = [Agent],
        });
        using var files = new ListFiles();
        await new ContactListImporter(database).ImportAsync(files.Write("contacts.csv", $"phone,name\n{Number},Customer\n"), campaign.Name);
        await campaigns.TransitionAsync(campaign.Id, CampaignCommand.Start);
        return campaign.Id;
    }

    /// <summary>serve is another process: whether one of its sessions waits for an advisory lock, polled with a deadline.</summary>
    private static async Task<bool> WaitingForTheFenceAsync(Npgsql.NpgsqlDataSource database) =>
        await RunningCampaign.UntilAsync(database, n => n > 0, PollLimit,
            "select count(*) from pg_locks where locktype = 'advisory' and not granted") > 0;
}
