using System.Diagnostics;
using System.Globalization;
using System.Text;
using AutoDialer.AspNetCore;
using AutoDialer.Core.Campaigns;
using AutoDialer.Core.Dispatch;
using AutoDialer.Core.Settlement;
using AutoDialer.Core.StoredWords;
using AutoDialer.Dialing.Telephony;
using AutoDialer.PostgreSql;
using AutoDialer.PostgreSql.Campaigns;
using AutoDialer.PostgreSql.Import;
using AutoDialer.Simulation;
using AutoDialer.Simulation.Calls;
using AutoDialer.Simulation.InProcess;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AutoDialer.Dialing.Tests;

/// <summary>
/// What the dialing integration tests share: a running campaign on a fresh database (as the demo builds it), a real
/// AutoDialer host (AddAutoDialer, Hangfire on the same database, engine) dialling a simulated call center on
/// an accelerated clock, a bounded wait on the campaign's progress, and the invariants every run must keep.
/// </summary>
internal static class DialingRig
{
    public const string Account = "simulator";
    public const string TimeZone = "Asia/Shanghai";

    /// <summary>Attempts refused before anything rang: the contact got its attempt back (not part of its budget).</summary>
    public static readonly string[] NotDialledCodes = [Core.Telephony.VendorCodes.AgentNotIdle, ProviderResilience.CircuitOpenCode, Core.Telephony.VendorCodes.DispatchFailed];

    public static CampaignSettings Settings(IReadOnlyList<string> agentIds, int maxAttempts = 3) => new()
    {
        Schedule = CallingSchedule.Always(TimeZone),
        Retry = new RetryPolicy
        {
            MaxAttempts = maxAttempts,
            MaxAttemptsPerDay = maxAttempts,
            Delays = new Dictionary<CallOutcome, TimeSpan>
            {
                [CallOutcome.Busy] = TimeSpan.FromMinutes(2),
                [CallOutcome.NoAnswer] = TimeSpan.FromMinutes(3),
                [CallOutcome.Rejected] = TimeSpan.FromMinutes(3),
                [CallOutcome.Failed] = TimeSpan.FromMinutes(1),
                [CallOutcome.Unknown] = TimeSpan.FromMinutes(2),
            },
        },
        // On (so every run counts and locks callees) and as high as the budget, so no contact waits a day for them.
        FrequencyCaps = new FrequencyCaps { Per24Hours = maxAttempts, Per7Days = maxAttempts },
        Rotation = new RotationPolicy { Kind = RotationKind.RoundRobin },
        CallerNumbers =
        [
            new CallerNumber("trunk-1", "+862161230001", "021"),
            new CallerNumber("trunk-2", "+862161230002", "021"),
        ],
        AgentIds = agentIds,
        ProviderAccount = Account,
    };

    /// <summary>Creates a campaign with <paramref name="contacts"/> mobile numbers (none matching the simulator's fixed-fate
    /// suffix rule, so chance decides), imports them and starts it, as the demo does.</summary>
    public static async Task<long> CreateRunningCampaignAsync(NpgsqlDataSource db, string name, int contacts, CampaignSettings settings)
    {
        var campaigns = new CampaignStore(db);
        var campaign = await campaigns.CreateAsync(name, settings);
        var list = new StringBuilder("phone,name\n");
        for (var i = 0; i < contacts; i++)
            list.Append(CultureInfo.InvariantCulture, $"1380000{1000 + i:D4},c{i}\n");
        var path = Path.Combine(Path.GetTempPath(), $"autodialer-rig-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(path, list.ToString());
        try
        {
            var import = await new ContactListImporter(db).ImportAsync(path, name);
            Assert.Equal(contacts, import.Accepted);
        }
        finally
        {
            File.Delete(path);
        }
        await campaigns.TransitionAsync(campaign.Id, CampaignCommand.Start);
        return campaign.Id;
    }

    /// <summary>
    /// A witness the engine cannot see: per attempt, the database's own clock when it was inserted and when it was first
    /// settled (a later revision of the outcome does not move it). A contact's next attempt must be inserted after its
    /// previous one was first settled, or two attempts of one contact were live at once.
    /// </summary>
    public static async Task InstallAttemptWitnessAsync(NpgsqlDataSource db)
    {
        await using var connection = await db.OpenConnectionAsync();
        await connection.ExecuteAsync("""
            create table test_attempt_witness (
                attempt_id bigint primary key, contact_id bigint not null,
                inserted_at timestamptz not null, first_settled_at timestamptz);
            create function test_witness_insert() returns trigger language plpgsql as $$
            begin
                insert into test_attempt_witness values (new.id, new.contact_id, clock_timestamp(), null);
                return new;
            end $$;
            create function test_witness_settle() returns trigger language plpgsql as $$
            begin
                if new.status = 'settled' and old.status <> 'settled' then
                    update test_attempt_witness set first_settled_at = clock_timestamp()
                    where attempt_id = new.id and first_settled_at is null;
                end if;
                return new;
            end $$;
            create trigger test_witness_insert after insert on attempts for each row execute function test_witness_insert();
            create trigger test_witness_settle after update on attempts for each row execute function test_witness_settle();
            """);
    }

    /// <summary>The dialing engine's parts (dispatcher, reconciler, stores) on <paramref name="db"/>, without a host or call center.</summary>
    public static ServiceProvider Services(NpgsqlDataSource db, ServiceCollection? services = null, Action<DialingOptions>? dialing = null)
    {
        var options = new DialingOptions { Node = "test" };
        dialing?.Invoke(options);
        services ??= new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        services.AddSingleton(db);
        services.AddKeyedSingleton(AutoDialerDataSource.ServiceKey, db);
        services.AddSingleton(Options.Create(options));
        services.AddAutoDialerDialing();
        return services.BuildServiceProvider();
    }

    /// <summary>
    /// A real host as an application builds it (AddAutoDialer with configuration), its engine and the simulator on
    /// <paramref name="time"/>, and so are the jobs (the simulated schedule enqueues Hangfire jobs at their occurrences in
    /// simulated time; Hangfire's own timings stay wall-clock, see AddAutoDialerAcceleratedClock).
    /// </summary>
    public static async Task<RunningHost> StartHostAsync(string connectionString, string node, AcceleratedTimeProvider time,
        Action<IServiceCollection> callCenters, Action<DialingOptions>? dialing = null, string? dataDirectory = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders().AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Error);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AutoDialer:ConnectionString"] = connectionString,
            ["AutoDialer:DataDirectory"] = dataDirectory ?? Path.Combine(Path.GetTempPath(), "autodialer-rig-" + node),
        });
        builder.Services.AddAutoDialer(builder.Configuration, configureDialing: d =>
        {
            d.Node = node;
            // Once a wall-clock second each: the sweeps run on the accelerated clock.
            d.AgentSweepInterval = TimeSpan.FromSeconds(1) * time.Speed;
            d.StaleSweepInterval = TimeSpan.FromSeconds(1) * time.Speed;
            d.CampaignRefresh = TimeSpan.FromMilliseconds(200);
            dialing?.Invoke(d);
        });
        builder.Services.AddAutoDialerServer();
        builder.Services.AddAutoDialerAcceleratedClock(time);
        callCenters(builder.Services);
        var app = builder.Build();
        app.MapAutoDialer();
        await app.StartAsync();
        return new RunningHost(app);
    }

    /// <summary>A started host that is stopped before it is disposed, also when a test fails half-way (disposing a
    /// WebApplication alone leaves its job server running jobs against a disposed container).</summary>
    public sealed class RunningHost(WebApplication app) : IAsyncDisposable
    {
        private int stopped;

        public IServiceProvider Services => app.Services;

        public async Task StopAsync()
        {
            if (Interlocked.Exchange(ref stopped, 1) == 0)
            {
                using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(20));
                await app.StopAsync(limit.Token);
            }
        }

        public async ValueTask DisposeAsync()
        {
            await StopAsync();
            await app.DisposeAsync();
        }
    }

    /// <summary>
    /// Polls the campaign's counters until <paramref name="done"/> holds or <paramref name="limit"/> passes. A bounded
    /// poll rather than an event: "finished" is a property of the database (counters maintained by triggers, written by
    /// whichever node settles), not of any one object a test could await.
    /// </summary>
    public static async Task<DialingProgress> UntilAsync(NpgsqlDataSource db, long campaignId, Func<DialingProgress, bool> done, TimeSpan limit,
        string what)
    {
        var query = new DialingProgressQuery(db);
        var clock = Stopwatch.StartNew();
        var progress = await query.ReadAsync(campaignId);
        while (!done(progress))
        {
            Assert.True(clock.Elapsed < limit,
                $"{what} not reached within {limit}: {progress.Final}/{progress.Contacts} final, {progress.Open} open, {progress.Attempts} attempts, {progress.LiveAttempts} live, outcomes {string.Join(", ", progress.Outcomes.Select(o => $"{o.Key}={o.Value}"))}");
            await Task.Delay(100);
            progress = await query.ReadAsync(campaignId);
        }
        return progress;
    }

    /// <summary>The invariants of a finished campaign, checked on the database itself.</summary>
    public static async Task AssertFinishedCleanlyAsync(NpgsqlDataSource db, long campaignId, int budget)
    {
        var progress = await new DialingProgressQuery(db).ReadAsync(campaignId);
        Assert.True(progress.Finished, $"campaign not finished: {progress}");
        await using var connection = await db.OpenConnectionAsync();

        // Every attempt settled, with an outcome, and the outcome counters add up to the attempts.
        var attempts = await connection.QuerySingleAsync<(long total, long live, long without_outcome)>("""
            select count(*), count(*) filter (where status <> 'settled'), count(*) filter (where outcome is null)
            from attempts where campaign_id = @campaignId
            """, new { campaignId });
        Assert.Equal(0, attempts.live);
        Assert.Equal(0, attempts.without_outcome);
        Assert.Equal(attempts.total, progress.Outcomes.Values.Sum());
        Assert.Equal(0, progress.LiveAttempts);

        // No contact over its budget: neither by the engine's own counter nor by the attempts that actually rang.
        var worst = await connection.QuerySingleAsync<(int counted, long dialled)>("""
            select coalesce((select max(attempts) from contacts where campaign_id = @campaignId), 0),
                   coalesce((select max(n) from (select count(*) as n from attempts
                              where campaign_id = @campaignId and coalesce(vendor_code, '') <> all(@notDialled)
                              group by contact_id) x), 0)
            """, new { campaignId, notDialled = NotDialledCodes });
        Assert.InRange(worst.counted, 1, budget);
        Assert.InRange(worst.dialled, 1, budget);

        // No contact ever had two live attempts: each next attempt was inserted after the previous one was first settled.
        var overlaps = (await connection.QueryAsync<(long contact_id, long previous, long next)>("""
            select w.contact_id, w.attempt_id, n.attempt_id
            from test_attempt_witness w
            join lateral (select attempt_id, inserted_at from test_attempt_witness x
                          where x.contact_id = w.contact_id and x.attempt_id > w.attempt_id order by x.attempt_id limit 1) n on true
            where w.first_settled_at is null or n.inserted_at < w.first_settled_at
            """)).ToList();
        Assert.True(overlaps.Count == 0, "attempts of one contact overlapped: " +
            string.Join("; ", overlaps.Take(10).Select(o => $"contact {o.contact_id}: {o.previous} then {o.next}")));
        var witnessed = await connection.ExecuteScalarAsync<long>(
            "select count(*) from test_attempt_witness w join attempts a on a.id = w.attempt_id where a.campaign_id = @campaignId", new { campaignId });
        Assert.Equal(attempts.total, witnessed);
    }

    /// <summary>Business ids the simulator was asked to dial more than once, and the ids it saw that are not attempts.</summary>
    public static async Task AssertEveryMakeCallOnceAsync(NpgsqlDataSource db, IReadOnlyDictionary<string, int> makeCalls)
    {
        var twice = makeCalls.Where(m => m.Value > 1).Select(m => $"{m.Key}×{m.Value}").ToList();
        Assert.True(twice.Count == 0, "business ids make-called more than once: " + string.Join(", ", twice.Take(20)));
        await using var connection = await db.OpenConnectionAsync();
        var ids = (await connection.QueryAsync<long>("select id from attempts")).Select(id => id.ToString(CultureInfo.InvariantCulture)).ToHashSet();
        var strangers = makeCalls.Keys.Where(k => !ids.Contains(k)).ToList();
        Assert.True(strangers.Count == 0, "make-calls with a business id that is no attempt: " + string.Join(", ", strangers.Take(20)));
    }
}
