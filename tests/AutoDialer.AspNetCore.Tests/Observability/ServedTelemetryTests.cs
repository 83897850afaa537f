using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using AutoDialer.Cli;
using AutoDialer.Core.Campaigns;
using AutoDialer.Core.Telemetry;
using AutoDialer.PostgreSql.Campaigns;
using AutoDialer.Simulation.Commands;
using AutoDialer.Simulation.Pages;
using AutoDialer.Testing;
using Dapper;

namespace AutoDialer.AspNetCore.Tests.Observability;

/// <summary>
/// The issue's "done when", as production runs it: <c>autodialer serve</c> as a process of its own, configured only by
/// the standard OpenTelemetry variables to export traces over OTLP/HTTP to a collector on 127.0.0.1, dials a short
/// campaign for <c>autodialer simulate</c>'s pages, another process, over the real agent bridge. Its <c>/metrics</c>,
/// scraped with an API key, shows each signal of the issue's first item with a plausible value and no phone number in
/// any label; the collector holds one attempt's spans from dispatch through make-call and the bridge command to the
/// events that ended its call and its settlement.
/// </summary>
[Collection("postgres")]
public sealed partial class ServedTelemetryTests(PostgresFixture postgres)
{
    private const int Agents = 3;
    private const int Contacts = 40;
    private const int RefusedContacts = 3;
    private const int SettledCalls = 8;
    private const string Account = "udesk-obs";
    private const string Key = "served-telemetry-key-0c1e";
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(150);

    [Fact]
    public async Task A_served_node_dialling_simulated_pages_shows_each_signal_on_metrics_without_a_phone_number_and_exports_one_attempts_spans_over_otlp()
    {
        await using var database = await postgres.CreateDatabaseAsync("served_telemetry");
        await using var collector = await OtlpTraceReceiver.StartAsync();
        using var home = new TemporaryDirectory("autodialer-telemetry-", TemporaryDirectory.Reachable);
        await using var node = ServeProcess.Serve(FreePort.Next(), new Dictionary<string, string>
        {
            ["AUTODIALER_HOME"] = home.Path,
            ["AUTODIALER_DB"] = postgres.ConnectionStringOf(database),
            ["AutoDialer__Auth__ApiKeys__0"] = Key,
            ["AutoDialer__Bridge__SigningKey"] = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)(i * 7)).ToArray()),
            ["AutoDialer__Dialing__Node"] = "node-obs",
            ["AutoDialer__Udesk__AccountId"] = Account,
            ["AutoDialer__Udesk__AppId"] = "app-obs",
            ["AutoDialer__Udesk__AppSecret"] = "secret-obs",
            ["AutoDialer__Udesk__Domain"] = "wss://udesk.invalid/ws",
            ["AutoDialer__Udesk__HttpDomain"] = "https://udesk.invalid/backend",
            // The standard variables, nothing of AutoDialer's own: a collector is configured as for any OpenTelemetry SDK.
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Url.GetLeftPart(UriPartial.Authority),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
            // Npgsql's and ASP.NET Core's spans share the queue: room for all of them, so none of the dialer's is dropped.
            ["OTEL_BSP_MAX_QUEUE_SIZE"] = "200000",
            ["OTEL_BSP_MAX_EXPORT_BATCH_SIZE"] = "4096",
        }, healthApiKey: Key);
        await node.UntilHealthAsync(healthy: true, StartLimit);
        using var api = new HttpClient { BaseAddress = node.Url, Timeout = TimeSpan.FromSeconds(30) };
        api.DefaultRequestHeaders.Add("X-Api-Key", Key);

        var agentIds = new SimulationOptions { Agents = Agents }.AgentIds();
        var campaigns = new CampaignStore(database);
        var campaign = await campaigns.CreateAsync("observed", DemoCampaign.Settings(agentIds, Account));
        // The list through the node's API, so that its import job counts the rows.
        await UploadAsync(api, campaign.Id);
        // A few numbers reach the do-not-call list after the import (as from another node): the gate refuses them at the lease.
        await using (var connection = await database.OpenConnectionAsync())
            await connection.ExecuteAsync("insert into dnc (phone, source) select phone, 'another-node' from contacts where campaign_id = @id order by id limit @n",
                new { id = campaign.Id, n = RefusedContacts });
        await campaigns.TransitionAsync(campaign.Id, CampaignCommand.Start);

        await using var pages = ServeProcess.Start(
            ["simulate", "--dialer", node.Url!.ToString(), "--agents", Invariant(Agents), "--account", Account,
             "--ring", "1-2", "--talk", "1-2", "--wrap", "0-1", "--dispositions", "0"],
            new Dictionary<string, string> { [SimulateCommand.ApiKeyVariable] = Key });
        // Polled with a deadline: calls settling in another process is a database fact no event announces here.
        var deadline = DateTime.UtcNow + Bound;
        while (await SettledCallsAsync(database, campaign.Id) < SettledCalls && DateTime.UtcNow < deadline && !pages.HasExited)
            await Task.Delay(200);
        Assert.True(await SettledCallsAsync(database, campaign.Id) >= SettledCalls, $"fewer than {SettledCalls} calls settled:\n{pages.Output}\n{node.Output}");

        // While the pages are connected: the node's view of its agents and sessions.
        var live = await ScrapeAsync(api);
        Assert.Equal(Agents, Sum(live, "autodialer_agents", l => l.Label("autodialer_node") == "node-obs" && l.Label("autodialer_account") == Account));
        Assert.True(Sum(live, "autodialer_bridge_sessions", Of(Account)) > 0, "no bridge session on /metrics while the pages are connected");
        Assert.Single(live, s => s.Name == "autodialer_bridge_queue_depth" && s.Label("autodialer_account") == Account && s.Value >= 0);

        // Dialing stops (the campaign paused, the pages gone): nothing is between a make-call and its latency any more.
        using (var pause = await api.PostAsync($"api/campaigns/{campaign.Id}/pause", null)) Assert.Equal(HttpStatusCode.OK, pause.StatusCode);
        Assert.True(await pages.StopAsync(TimeSpan.FromSeconds(30)), "simulate did not stop");
        var scraped = await UntilAsync(() => ScrapeAsync(api), s => Sum(s, "autodialer_bridge_sessions", Of(Account)) == 0, "the pages' sessions to end");

        var makeCalls = Sum(scraped, "autodialer_make_calls_total", Of(Account));
        Assert.True(Sum(scraped, "autodialer_make_calls_total", l => Of(Account)(l) && l.Label("autodialer_result") == "accepted") >= SettledCalls);
        Assert.Equal(makeCalls, Sum(scraped, "autodialer_dispatch_idle_to_make_call_seconds_count", Of(Account)));
        Assert.InRange(Sum(scraped, "autodialer_dispatch_idle_to_make_call_seconds_sum", Of(Account)) / makeCalls, 0, 10);
        Assert.True(Sum(scraped, "autodialer_dispatch_decisions_total", Of(Account)) >= makeCalls);
        // Each of those numbers refused once, when its contact came up (most often among the first leases).
        Assert.InRange(Sum(scraped, "autodialer_dispatch_gate_refusals_total", l => Of(Account)(l) && l.Label("autodialer_reason") == "do_not_call"), 1, RefusedContacts);
        var campaignLabel = Invariant(campaign.Id);
        Assert.True(Sum(scraped, "autodialer_calls_settled_total", l => l.Label("autodialer_campaign") == campaignLabel) >= SettledCalls);
        var rates = scraped.Where(s => s.Name == "autodialer_caller_number_answer_rate" && s.Label("autodialer_campaign") == campaignLabel).ToList();
        Assert.NotEmpty(rates);
        Assert.All(rates, r => Assert.Contains(r.Label("autodialer_caller_number_id"), new[] { "trunk-1", "trunk-2" }));
        Assert.All(rates, r => Assert.InRange(r.Value, 0, 1));
        var received = Sum(scraped, "autodialer_bridge_events_total", l => Of(Account)(l) && l.Label("autodialer_result") == "received");
        var acknowledged = Sum(scraped, "autodialer_bridge_events_total", l => Of(Account)(l) && l.Label("autodialer_result") == "acknowledged");
        Assert.True(received >= 2 * SettledCalls, $"{received} events received for {SettledCalls} calls");
        Assert.InRange(acknowledged, 1, received);
        Assert.Single(scraped, s => s.Name == "autodialer_bridge_reconnects_total" && Of(Account)(s) && s.Value >= 0);
        Assert.True(Sum(scraped, "autodialer_events_lag_seconds_count", Of(Account)) >= received / 2);
        Assert.InRange(Sum(scraped, "autodialer_events_lag_seconds_sum", Of(Account)) / Sum(scraped, "autodialer_events_lag_seconds_count", Of(Account)), 0, 10);
        Assert.Single(scraped, s => s.Name == "autodialer_provider_circuit_open" && Of(Account)(s) && s.Value == 0);
        Assert.Equal(Contacts, Sum(scraped, "autodialer_import_rows_total", l => l.Label("autodialer_result") == "accepted"));
        // Quarantined events, stale sweeps and job failures count trouble this healthy run does not have: each is
        // exercised where its trouble is made (DialerTelemetryTests and the engine's tests), and never shows a number here either.
        foreach (var sample in live.Concat(scraped))
            foreach (var (name, value) in sample.Labels)
                Assert.False(PhoneLike().IsMatch(value), $"{sample.Name} has a phone-like label {name}=\"{value}\"");
        // The dialer's pool by its name, not by its connection string (host, user and database in every series).
        var pools = scraped.Where(s => s.Name.StartsWith("db_client_connection_", StringComparison.Ordinal))
            .Select(s => s.Label("db_client_connection_pool_name")).Where(n => n is not null).Distinct().ToList();
        Assert.Contains("autodialer", pools);

        // One attempt's spans, as the collector got them: dispatch → lease and check-and-place → make-call → the bridge
        // command to the page → the events that ended the call → its settlement.
        var (attempt, missing) = await UntilAsync(() => Task.FromResult(TracedAttempt(collector.Spans)), t => t.Missing.Count == 0,
            "one attempt's spans from dispatch to settlement", t => $"attempt {t.Attempt} without {string.Join(", ", t.Missing)}");
        Assert.True(attempt > 0);
        Assert.Empty(missing);
        Assert.Empty(collector.Errors);
    }

    /// <summary>The first placed attempt whose spans cover its whole call, or what is missing for the last one looked at.</summary>
    internal static (long Attempt, IReadOnlyList<string> Missing) TracedAttempt(IReadOnlyList<OtlpSpan> spans)
    {
        var byId = spans.GroupBy(s => s.SpanId).ToDictionary(g => g.Key, g => g.First());
        (long, IReadOnlyList<string>) last = (0, ["autodialer.make_call"]);
        foreach (var makeCall in spans.Where(s => s.Name == "autodialer.make_call" && s.Attributes.ContainsKey(AutoDialerTags.Attempt)))
        {
            var attempt = (long)makeCall.Attributes[AutoDialerTags.Attempt];
            var ancestors = Ancestors(makeCall, byId).ToList();
            var dispatch = ancestors.LastOrDefault(s => s.Name == "autodialer.dispatch");
            var missing = new List<string>();
            if (dispatch is null) missing.Add("autodialer.dispatch above the make-call");
            if (!ancestors.Any(s => s.Name == "autodialer.dispatch.check_and_place" && Names(s, attempt))) missing.Add("autodialer.dispatch.check_and_place");
            if (dispatch is null || !spans.Any(s => s.Name == "autodialer.dispatch.lease" && s.ParentSpanId == dispatch.SpanId && Names(s, attempt)))
                missing.Add("autodialer.dispatch.lease");
            if (!spans.Any(s => s.Name == "autodialer.bridge.command" && s.ParentSpanId == makeCall.SpanId)) missing.Add("autodialer.bridge.command");
            var events = spans.Where(s => s.Name == "autodialer.events" && Names(s, attempt)).Select(s => s.SpanId).ToHashSet();
            if (events.Count == 0) missing.Add("autodialer.events");
            if (!spans.Any(s => s.Name == "autodialer.settlement" && Names(s, attempt) && events.Contains(s.ParentSpanId))) missing.Add("autodialer.settlement");
            if (missing.Count == 0) return (attempt, missing);
            last = (attempt, missing);
        }

        return last;
    }

    private static bool Names(OtlpSpan span, long attempt) => span.Names(attempt, AutoDialerTags.Attempt, AutoDialerTags.Attempts);

    private static IEnumerable<OtlpSpan> Ancestors(OtlpSpan span, Dictionary<string, OtlpSpan> byId)
    {
        while (byId.TryGetValue(span.ParentSpanId, out var parent))
        {
            yield return parent;
            span = parent;
        }
    }

    private static async Task UploadAsync(HttpClient api, long campaignId)
    {
        var list = new StringBuilder("phone,name\n");
        for (var i = 0; i < Contacts; i++) list.Append("139").Append(Invariant(30_000_000 + i)).Append(",c").Append(Invariant(i)).Append('\n');
        using var response = await api.PostAsync($"api/campaigns/{campaignId}/uploads", ApiServer.FileForm(Encoding.UTF8.GetBytes(list.ToString()), "observed.csv"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        var upload = await UntilAsync(() => api.GetFromJsonAsync<JsonElement>($"api/uploads/{id}"),
            u => u.GetProperty("status").GetString() is "imported" or "failed", "the list's import");
        Assert.Equal("imported", upload.GetProperty("status").GetString());
    }

    private static async Task<IReadOnlyList<PrometheusSample>> ScrapeAsync(HttpClient api)
    {
        using var response = await api.GetAsync("metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return PrometheusSample.Parse(await response.Content.ReadAsStringAsync());
    }

    /// <summary>Reads until <paramref name="done"/> holds: the node is another process, its state is polled with a deadline.</summary>
    private static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what, Func<T, string>? describe = null)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        var value = await read();
        while (!done(value) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
            value = await read();
        }

        return done(value) ? value : throw new TimeoutException($"waited 30 s for {what}; last seen: {(describe is null ? value : describe(value))}");
    }

    private static async Task<long> SettledCallsAsync(Npgsql.NpgsqlDataSource database, long campaignId)
    {
        await using var connection = await database.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<long>(
            "select count(*) from attempts where campaign_id = @campaignId and status = 'settled' and call_id is not null", new { campaignId });
    }

    private static Func<PrometheusSample, bool> Of(string account) => s => s.Label("autodialer_account") == account;

    private static double Sum(IEnumerable<PrometheusSample> samples, string name, Func<PrometheusSample, bool> where) =>
        samples.Where(s => s.Name == name && where(s)).Sum(s => s.Value);

    private static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"\d{7,}")]
    private static partial Regex PhoneLike();
}
