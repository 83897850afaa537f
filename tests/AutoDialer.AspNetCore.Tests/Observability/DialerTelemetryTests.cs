using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text;
using System.Text.RegularExpressions;
using AutoDialer.Core;
using AutoDialer.Core.Campaigns;
using AutoDialer.Core.Dispatch;
using AutoDialer.Core.Telemetry;
using AutoDialer.PostgreSql.Campaigns;
using AutoDialer.Simulation;
using AutoDialer.Testing;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace AutoDialer.AspNetCore.Tests.Observability;

/// <summary>
/// A short campaign the real dialing engine dials on the simulated call center (accelerated clock), watched as an
/// OpenTelemetry SDK would watch it: a <see cref="MeterListener"/> on this host's meters, an <see cref="ActivityListener"/>
/// on the <c>AutoDialer</c> source. Every instrument operators act on has a plausible value, no tag carries a phone number,
/// and one attempt's spans run from dispatch to settlement.
/// </summary>
[Collection("postgres")]
public sealed partial class DialerTelemetryTests(PostgresFixture postgres) : IAsyncLifetime
{
    private const int Agents = 4;
    private const int Contacts = 40;
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(90);

    private readonly ConcurrentQueue<(string Instrument, double Value, KeyValuePair<string, object?>[] Tags)> measured = new();
    private readonly ConcurrentQueue<Activity> spans = new();
    private readonly MeterListener meters = new();
    private readonly ActivityListener tracing = new();
    private ApiServer server = null!;

    public async Task InitializeAsync()
    {
        server = await ApiServer.StartAsync(postgres,
            new Dictionary<string, string?>
            {
                ["AutoDialer:Simulator:Agents"] = Agents.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["AutoDialer:Dialing:AgentSweepInterval"] = "00:00:30",
                ["AutoDialer:Dialing:Node"] = "node-t",
                ["AutoDialer:Observability:MetricsPath"] = "/metrics",
                // A bridge account with no page connected: its gauges exist and read zero.
                ["AutoDialer:Udesk:AccountId"] = "udesk",
                ["AutoDialer:Udesk:AppId"] = "app-t",
                ["AutoDialer:Udesk:AppSecret"] = "secret-t",
                ["AutoDialer:Udesk:Domain"] = "wss://udesk.invalid/ws",
                ["AutoDialer:Udesk:HttpDomain"] = "https://udesk.invalid/backend",
            },
            services => services.AddAutoDialerSimulator().AddAutoDialerAcceleratedClock(new AcceleratedTimeProvider(120)));
        var scope = server.Services.GetRequiredService<IMeterFactory>();
        meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == AutoDialerTelemetry.Name && ReferenceEquals(instrument.Meter.Scope, scope))
                listener.EnableMeasurementEvents(instrument);
        };
        meters.SetMeasurementEventCallback<long>((instrument, value, tags, _) => measured.Enqueue((instrument.Name, value, tags.ToArray())));
        meters.SetMeasurementEventCallback<double>((instrument, value, tags, _) => measured.Enqueue((instrument.Name, value, tags.ToArray())));
        meters.Start();
        tracing.ShouldListenTo = source => source.Name == AutoDialerTelemetry.Name;
        tracing.Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded;
        tracing.ActivityStopped = spans.Enqueue;
        ActivitySource.AddActivityListener(tracing);
    }

    public async Task DisposeAsync()
    {
        tracing.Dispose();
        meters.Dispose();
        await server.DisposeAsync();
    }

    [Fact]
    public async Task A_simulated_campaign_is_measured_by_every_instrument_without_a_phone_number_and_one_attempt_is_traced_from_dispatch_to_settlement()
    {
        var id = await server.CreateCampaignAsync("observed");
        var campaigns = new CampaignStore(server.Db);
        var campaign = (await campaigns.FindAsync(id))!;
        await campaigns.UpdateSettingsAsync(id, campaign.Settings with
        {
            Schedule = CallingSchedule.Always("Asia/Shanghai"),
            AgentIds = Enumerable.Range(1, Agents).Select(i => $"agent-{i:D3}").ToArray(),
            ProviderAccount = "simulator",
            CallerNumbers = [new CallerNumber("cn-1", "+862161230001", "021")],
        });
        var list = new StringBuilder("phone,name\n");
        for (var i = 0; i < Contacts; i++) list.Append("139").Append((20_000_000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(",c").Append(i).Append('\n');
        await server.UploadAndImportAsync(id, Encoding.UTF8.GetBytes(list.ToString()), "observed.csv");
        await server.PostJsonAsync($"api/campaigns/{id}/start", null, System.Net.HttpStatusCode.OK);

        // Polled: the campaign's end is a database fact no event announces to a test.
        var deadline = DateTime.UtcNow + Bound;
        while (Sum(AutoDialerInstruments.CallsSettled.Name) < Contacts / 2 && DateTime.UtcNow < deadline)
            await Task.Delay(100);
        meters.RecordObservableInstruments();
        var all = measured.ToArray();

        var makeCalls = Sum(AutoDialerInstruments.MakeCalls.Name);
        Assert.True(makeCalls > 0, "no make-call was counted");
        Assert.True(Sum(AutoDialerInstruments.CallsSettled.Name) >= Contacts / 2, $"settled {Sum(AutoDialerInstruments.CallsSettled.Name)} of {Contacts}");
        // Both are measured where the make-call is answered: one latency per make-call.
        Assert.Equal(makeCalls, all.Count(m => m.Instrument == AutoDialerInstruments.IdleToMakeCall.Name));
        Assert.All(all.Where(m => m.Instrument == AutoDialerInstruments.IdleToMakeCall.Name), m => Assert.InRange(m.Value, 0, 10 * 120));
        Assert.True(Sum(AutoDialerInstruments.DispatchDecisions.Name) >= makeCalls);
        var results = all.Where(m => m.Instrument == AutoDialerInstruments.MakeCalls.Name).Select(m => Tag(m.Tags, AutoDialerTags.Result)).Distinct().ToList();
        Assert.True(results.Contains("accepted"), "make-call results: " + string.Join(", ", results));
        Assert.Contains(all, m => m.Instrument == AutoDialerInstruments.CallsSettled.Name && Tag(m.Tags, AutoDialerTags.Campaign) == id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains(all, m => m.Instrument == AutoDialerInstruments.EventLag.Name);
        // On the product's clock, 120× wall time here: a wall-clock second behind is 120 s.
        Assert.All(all.Where(m => m.Instrument == AutoDialerInstruments.EventLag.Name), m => Assert.InRange(m.Value, 0, 10 * 120));
        Assert.Contains(all, m => m.Instrument == AutoDialerInstruments.ImportRows.Name && Tag(m.Tags, AutoDialerTags.Result) == "accepted" && m.Value == Contacts);
        Assert.Contains(all, m => m.Instrument == AutoDialerInstruments.CallerNumberAnswerRate.Name && Tag(m.Tags, AutoDialerTags.CallerNumber) == "cn-1"
            && m.Value is >= 0 and <= 1);
        Assert.Equal(Agents, all.Where(m => m.Instrument == AutoDialerInstruments.Agents.Name && Tag(m.Tags, AutoDialerTags.Account) == "simulator")
            .Sum(m => m.Value));
        Assert.All(all.Where(m => m.Instrument == AutoDialerInstruments.Agents.Name), m => Assert.Equal("node-t", Tag(m.Tags, AutoDialerTags.Node)));
        Assert.Contains(all, m => m.Instrument == AutoDialerInstruments.CircuitOpen.Name && Tag(m.Tags, AutoDialerTags.Account) == "simulator" && m.Value == 0);
        foreach (var gauge in new[] { AutoDialerInstruments.BridgeSessions, AutoDialerInstruments.BridgeQueueDepth, AutoDialerInstruments.BridgeReconnects })
            Assert.Contains(all, m => m.Instrument == gauge.Name && Tag(m.Tags, AutoDialerTags.Account) == "udesk" && m.Value == 0);
        Assert.Contains(all, m => m.Instrument == AutoDialerInstruments.BridgeEvents.Name && Tag(m.Tags, AutoDialerTags.Result) == "received");

        // Every tag a declared one, and no value a phone number (or anything with a run of digits that long).
        foreach (var (instrument, _, tags) in all)
        {
            var definition = AutoDialerInstruments.All.Single(d => d.Name == instrument);
            foreach (var tag in tags)
            {
                Assert.Contains(tag.Key, definition.Tags);
                Assert.DoesNotMatch(PhoneLike(), tag.Value?.ToString() ?? "");
            }
        }

        // The same instruments through OpenTelemetry's Prometheus exporter, under the names the shipped dashboard uses.
        var scraped = await server.Client.GetStringAsync("metrics");
        var names = ScrapedNames(scraped);
        foreach (var definition in AutoDialerInstruments.All.Where(d => all.Any(m => m.Instrument == d.Name)))
            Assert.True(names.Contains(definition.PrometheusName), $"{definition.PrometheusName} not among {string.Join(", ", names.Where(n => n.StartsWith("autodialer", StringComparison.Ordinal)))}");
        Assert.Contains("autodialer_dispatch_idle_to_make_call_seconds", names);
        Assert.Matches(@"(?m)^autodialer_make_calls_total\{[^}]*autodialer_result=""accepted""[^}]*\} [1-9]", scraped);
        Assert.All(scraped.Split('\n').Where(l => l.StartsWith("autodialer_", StringComparison.Ordinal) && l.Contains('{', StringComparison.Ordinal)),
            line => Assert.DoesNotMatch(PhoneLike(), line[line.IndexOf('{', StringComparison.Ordinal)..(line.IndexOf('}', StringComparison.Ordinal) + 1)]));

        // One attempt's spans: dispatch → lease (names it) → make-call (its own span, under the same dispatch) → the
        // events that ended its call → its settlement.
        var finished = spans.ToArray();
        var makeCall = finished.First(s => s.OperationName == "autodialer.make_call");
        var attempt = (long)makeCall.GetTagItem(AutoDialerTags.Attempt)!;
        var dispatch = finished.Single(s => s.OperationName == "autodialer.dispatch" && s.SpanId == Root(makeCall, finished).SpanId);
        Assert.Contains(finished, s => s.OperationName == "autodialer.dispatch.lease" && s.ParentSpanId == dispatch.SpanId && Names(s, attempt));
        Assert.Contains(finished, s => s.OperationName == "autodialer.dispatch.check_and_place" && s.ParentSpanId == dispatch.SpanId && Names(s, attempt));
        var events = finished.Where(s => s.OperationName == "autodialer.events" && Names(s, attempt)).ToList();
        Assert.NotEmpty(events);
        Assert.Contains(finished, s => s.OperationName == "autodialer.settlement" && Names(s, attempt)
            && events.Any(e => e.SpanId == s.ParentSpanId) && s.StartTimeUtc >= makeCall.StartTimeUtc);
    }

    private double Sum(string instrument) => measured.Where(m => m.Instrument == instrument).Sum(m => m.Value);

    private static string? Tag(KeyValuePair<string, object?>[] tags, string name) =>
        Convert.ToString(tags.FirstOrDefault(t => t.Key == name).Value, System.Globalization.CultureInfo.InvariantCulture);

    private static bool Names(Activity span, long attempt) => span.GetTagItem(AutoDialerTags.Attempts) is long[] ids && ids.Contains(attempt);

    private static Activity Root(Activity span, Activity[] all)
    {
        var current = span;
        while (all.FirstOrDefault(s => s.SpanId == current.ParentSpanId) is { } parent) current = parent;
        return current;
    }

    /// <summary>The metric names of a Prometheus text exposition (a histogram by its family name, without _bucket/_sum/_count).</summary>
    private static HashSet<string> ScrapedNames(string exposition) =>
        exposition.Split('\n').Where(l => l.StartsWith("# TYPE ", StringComparison.Ordinal)).Select(l => l.Split(' ')[2]).ToHashSet();

    [GeneratedRegex(@"\d{7,}")]
    private static partial Regex PhoneLike();
}
