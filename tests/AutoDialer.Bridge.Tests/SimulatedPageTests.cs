using System.Globalization;
using System.Text.Json;
using AutoDialer.Bridge.Tests.Support;
using AutoDialer.Core.Campaigns;
using AutoDialer.Core.StoredWords;
using AutoDialer.Core.Telephony.Meiqia;
using AutoDialer.Core.Telephony.Udesk;
using AutoDialer.Dialing.Dispatch;
using AutoDialer.PostgreSql.Campaigns;
using AutoDialer.PostgreSql.Import;
using AutoDialer.Simulation;
using AutoDialer.Simulation.Calls;
using AutoDialer.Simulation.InProcess;
using AutoDialer.Simulation.Pages;
using AutoDialer.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AutoDialer.Bridge.Tests;

/// <summary>
/// The out-of-process simulator's page (<c>autodialer simulate</c>) against a real host with the bridge: the dialer
/// places calls through it, its events land in the database, and its calls survive the socket going away.
/// </summary>
[Collection("postgres")]
public sealed class SimulatedPageTests(PostgresFixture postgres) : IAsyncDisposable
{
    private const string AgentId = "agent-001";
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);
    private readonly TemporaryDirectory _directory = new("simulate-test-", TemporaryDirectory.Private);
    private SimulationRun? _run;
    private TruthLog? _truth;

    [Fact]
    public async Task Calls_placed_through_a_simulated_page_settle_with_the_outcome_the_truth_file_records()
    {
        await using var host = await BridgeHost.StartAsync(postgres);
        // Numbers ending 9999d have a fixed fate: 4 answers, 1 is busy, 3 rejects.
        var campaign = await CampaignAsync(host, "13800099994", "13800099991", "13800099993");
        Prepare(host, talk: 0.2);
        Connect();
        var settled = await SettledAsync(host, campaign, 3);

        var ends = Truth("end").ToDictionary(l => l.GetProperty("business_id").GetString()!);
        var dials = Truth("dial").Select(l => l.GetProperty("business_id").GetString()).ToHashSet();
        Assert.Equal(3, settled.Count);
        foreach (var (attemptId, outcome) in settled)
        {
            Assert.Contains(attemptId, dials);
            Assert.Equal(ends[attemptId].GetProperty("outcome").GetString(), outcome);
        }

        Assert.Equal([CallOutcomes.Answered, CallOutcomes.Busy, CallOutcomes.Rejected], settled.Values.Order());
    }

    [Fact]
    public async Task A_page_whose_socket_the_server_drops_reconnects_and_its_call_goes_on()
    {
        await using var host = await BridgeHost.StartAsync(postgres);
        var campaign = await CampaignAsync(host, "13800099994");
        var page = Prepare(host, talk: 1.5);
        var talking = Observe(page, CallPhase.Talking);
        Connect();

        var call = await talking.WaitAsync(Cancel());
        host.Udesk.Sessions.Disconnect(host.Udesk.Sessions.Find(AgentId)!, "dropped by the test");
        await page.WaitForWelcomesAsync(2, Cancel());

        var settled = await SettledAsync(host, campaign, 1);
        Assert.Equal(CallOutcomes.Answered, settled[call.BusinessId]);
        Assert.Equal(1, page.Phone.CallsPlaced);
        var end = Assert.Single(Truth("end"));
        Assert.Equal(call.BusinessId, end.GetProperty("business_id").GetString());
        Assert.Equal(CallOutcomes.Answered, end.GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task Events_of_a_call_that_ends_while_the_page_is_offline_are_sent_after_it_reconnects()
    {
        await using var host = await BridgeHost.StartAsync(postgres);
        var campaign = await CampaignAsync(host, "13800099994");
        var page = Prepare(host, talk: 0.5);
        var talking = Observe(page, CallPhase.Talking);
        var ended = Observe(page, CallPhase.Ended);
        Connect();

        var call = await talking.WaitAsync(Cancel());
        // Held offline from the drop until the call has ended, so its hang-up can only wait in the outbox.
        page.BeforeConnect = stop => ended.WaitAsync(stop);
        host.Udesk.Sessions.Disconnect(host.Udesk.Sessions.Find(AgentId)!, "dropped by the test");
        await ended.WaitAsync(Cancel());
        Assert.Null(host.Udesk.Sessions.Find(AgentId));

        await page.WaitForWelcomesAsync(2, Cancel());
        var settled = await SettledAsync(host, campaign, 1);
        Assert.Equal(CallOutcomes.Answered, settled[call.BusinessId]);
        Assert.Equal(1L, await ScalarAsync(host, "select count(*) from call_events where agent_id = $1 and name = $2", AgentId, UdeskEventNames.ConnectionCleared));
    }

    [Fact]
    public async Task A_meiqia_page_places_the_dialers_call_and_its_hangup_settles_it()
    {
        await using var host = await BridgeHost.StartAsync(postgres);
        // Meiqia reports no status after a call: the engine's sweep finds the agent idle in the Open API list.
        host.Meiqia.OnJson(Telephony.Meiqia.MeiqiaOpenApiClient.AgentsPath, 200, """[{"agent_id":12001,"register_status":"register","worker_status":""}]""");
        var campaign = await CampaignOfAsync(host, "12001", BridgeHost.MeiqiaAccount, ["13800099994"]);
        Prepare(host, talk: 0.2, vendor: "meiqia");
        Connect();
        var settled = await SettledAsync(host, campaign, 1);

        var (attemptId, outcome) = Assert.Single(settled);
        Assert.Equal(CallOutcomes.Answered, outcome);
        var end = Assert.Single(Truth("end"));
        Assert.Equal(attemptId, end.GetProperty("business_id").GetString());
        Assert.Equal(CallOutcomes.Answered, end.GetProperty("outcome").GetString());
        Assert.Equal(1L, await ScalarAsync(host, "select count(*) from call_events where agent_id = $1 and name = $2", "12001", MeiqiaEventNames.Hangup));
    }

    /// <summary>The run's one page, not started yet (<see cref="Connect"/>): tests start it once its campaign is
    /// running, so that the agent's first idle event finds work and nothing waits for the periodic agent sweep.</summary>
    private SimulatedPage Prepare(BridgeHost host, double talk, string vendor = "udesk")
    {
        _truth = TruthLog.Create(Path.Combine(_directory.Path, "truth.jsonl"));
        _run = new SimulationRun(new SimulationOptions
        {
            DialerUrls = [host.BaseUrl],
            Agents = 1,
            Vendor = vendor,
            Account = vendor == "udesk" ? BridgeHost.UdeskAccount : BridgeHost.MeiqiaAccount,
            AgentPrefix = vendor == "udesk" ? "agent-" : "12",
            Customers = new CustomerBehaviour
            {
                PostDialDelay = DurationDistribution.Fixed(TimeSpan.FromMilliseconds(50)),
                EarlyReleaseDelay = DurationDistribution.Fixed(TimeSpan.FromMilliseconds(100)),
                RingTime = DurationDistribution.Fixed(TimeSpan.FromMilliseconds(100)),
                RingTimeout = TimeSpan.FromSeconds(1),
                TalkTime = DurationDistribution.Fixed(TimeSpan.FromSeconds(talk)),
            },
            WrapUp = DurationDistribution.Fixed(TimeSpan.FromMilliseconds(50)),
            ReconnectMin = TimeSpan.FromMilliseconds(50),
            ReconnectMax = TimeSpan.FromMilliseconds(200),
        }, _truth);
        return Assert.Single(_run.Pages);
    }

    private void Connect() => _run!.Start();

    /// <summary>Completes with the call when the page's phone reaches <paramref name="phase"/> (on any call).</summary>
    private static Task<SimulatedCall> Observe(SimulatedPage page, CallPhase phase)
    {
        var reached = new TaskCompletionSource<SimulatedCall>(TaskCreationOptions.RunContinuationsAsynchronously);
        page.Phone.Observed += e =>
        {
            if (e is PhoneCallStep step && step.Phase == phase)
            {
                reached.TrySetResult(step.Call);
            }
        };
        return reached.Task;
    }

    private static Task<long> CampaignAsync(BridgeHost host, params string[] numbers) => CampaignOfAsync(host, AgentId, BridgeHost.UdeskAccount, numbers);

    private static async Task<long> CampaignOfAsync(BridgeHost host, string agentId, string account, string[] numbers)
    {
        var campaigns = new CampaignStore(host.Database);
        var settings = CampaignSettings.Default("Asia/Shanghai") with
        {
            Schedule = CallingSchedule.Always("Asia/Shanghai"),
            ProviderAccount = account,
            AgentIds = [agentId],
        };
        var campaign = await campaigns.CreateAsync("simulated-" + Guid.NewGuid().ToString("N")[..8], settings);
        using var files = new ListFiles();
        var list = files.Write("contacts.csv", "phone,name\n" + string.Join('\n', numbers.Select((n, i) => $"{n},Customer {i}")) + "\n");
        var imported = await new ContactListImporter(host.Database).ImportAsync(list, campaign.Name);
        Assert.Equal(numbers.Length, imported.Accepted);
        await campaigns.TransitionAsync(campaign.Id, CampaignCommand.Start);
        // Started behind the engine's back: without this its cached list (read at most 1 s ago) would hide the campaign
        // from the agent's first idle event, and the test would wait for the periodic agent sweep.
        host.Services.GetRequiredService<RunningCampaigns>().Invalidate();
        return campaign.Id;
    }

    /// <summary>Settled attempts by id (the business id) and outcome, once there are <paramref name="count"/>. The
    /// database is the only witness of settlement and signals nobody, so this polls it (every 100 ms, at most 60 s).</summary>
    private static async Task<Dictionary<string, string>> SettledAsync(BridgeHost host, long campaignId, int count)
    {
        var settled = new Dictionary<string, string>();
        var deadline = DateTime.UtcNow + Limit;
        while (DateTime.UtcNow < deadline)
        {
            settled.Clear();
            await using var command = host.Database.CreateCommand("select id::text, outcome from attempts where campaign_id = $1 and status = 'settled'");
            command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = campaignId });
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                settled[reader.GetString(0)] = reader.GetString(1);
            }

            if (settled.Count >= count)
            {
                return settled;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"{settled.Count} of {count} attempts settled in {Limit.TotalSeconds} s; the host's warnings:\n"
            + string.Join('\n', host.Logs.Lines.Where(l => l.Level >= Microsoft.Extensions.Logging.LogLevel.Warning).Select(l => l.Category + ": " + l.Text).Distinct().Take(20)));
        return settled;
    }

    private IEnumerable<JsonElement> Truth(string kind) =>
        File.ReadAllLines(Path.Combine(_directory.Path, "truth.jsonl"))
            .Select(l => JsonDocument.Parse(l).RootElement)
            .Where(l => l.GetProperty("kind").GetString() == kind)
            .ToArray();

    private static CancellationToken Cancel() => new CancellationTokenSource(Limit).Token;

    private static async Task<long> ScalarAsync(BridgeHost host, string sql, params object[] values)
    {
        await using var command = host.Database.CreateCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = value });
        }

        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        if (_run is not null)
        {
            await _run.DisposeAsync();
        }

        _truth?.Dispose();
        _directory.Dispose();
    }
}
