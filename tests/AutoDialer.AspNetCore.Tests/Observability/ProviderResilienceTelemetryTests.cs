using AutoDialer.Core.Telephony;
using AutoDialer.Dialing.Telephony;
using AutoDialer.Telephony.Resilience;
using AutoDialer.Testing;
using Microsoft.Extensions.DependencyInjection;
using NSubstitute;

namespace AutoDialer.AspNetCore.Tests.Observability;

/// <summary>
/// A provider account's breakers and retries on <c>/metrics</c>: Polly's own telemetry (its <c>Polly</c> meter) counts the
/// make-call breaker opening and the retry of a read that failed once, tagged with the pipeline and the account; and the node's
/// <c>autodialer_provider_circuit_state</c> says which state each breaker of the account is in.
/// </summary>
[Collection("postgres")]
public sealed class ProviderResilienceTelemetryTests(PostgresFixture postgres)
{
    private const string Account = "acct-polly";

    [Fact]
    public async Task A_breaker_that_opens_and_reads_that_are_retried_show_on_metrics_under_polly_and_as_the_accounts_circuit_state()
    {
        await using var server = await ApiServer.StartAsync(postgres, new Dictionary<string, string?>
        {
            ["AutoDialer:Dialing:Resilience:Breaker:MinimumThroughput"] = "2",
            ["AutoDialer:Dialing:Resilience:Retries"] = "1",
            ["AutoDialer:Dialing:Resilience:RetryDelay"] = "00:00:00",
        });
        var resilience = server.Services.GetRequiredService<ProviderResiliences>().For(Account);
        var session = Substitute.For<IAgentSession>();
        session.MakeCallAsync(Arg.Any<MakeCallRequest>(), Arg.Any<CancellationToken>())
            .Returns(VendorResult<MakeCallAccepted>.Failure(VendorCodes.VendorRejected, "the provider is unwell"));

        for (var i = 0; i < 4; i++)
            await resilience.MakeCallAsync(session, new MakeCallRequest("13800000000", $"b-{i}"), CancellationToken.None);
        // A read that fails once and then answers: one retry, and its breaker stays closed.
        var asked = 0;
        var read = await resilience.ReadAsync(_ => Task.FromResult(++asked == 1 ? VendorResult.Failure(VendorCodes.VendorRejected, "unwell") : VendorResult.Success()),
            CancellationToken.None);
        var scraped = PrometheusSample.Parse(await server.Client.GetStringAsync("metrics"));

        Assert.True(resilience.DispatchPaused, "the breaker did not open");
        Assert.True(read.IsSuccess);
        Assert.Contains(scraped, s => s.Name == "resilience_polly_strategy_events_total" && s.Label("event_name") == "OnCircuitOpened"
            && s.Label("pipeline_name") == ProviderResilience.MakeCallPipeline && s.Label("pipeline_instance") == Account && s.Value == 1);
        Assert.Contains(scraped, s => s.Name == "resilience_polly_strategy_events_total" && s.Label("event_name") == "OnRetry"
            && s.Label("pipeline_name") == ProviderResilience.ReadsPipeline && s.Label("pipeline_instance") == Account && s.Value == 1);
        var states = scraped.Where(s => s.Name == "autodialer_provider_circuit_state" && s.Label("autodialer_account") == Account).ToList();
        Assert.Equal(1, states.Single(s => s.Label("autodialer_circuit") == "make_call" && s.Label("autodialer_state") == "open").Value);
        Assert.Equal(0, states.Single(s => s.Label("autodialer_circuit") == "make_call" && s.Label("autodialer_state") == "closed").Value);
        Assert.Equal(1, states.Single(s => s.Label("autodialer_circuit") == "reads" && s.Label("autodialer_state") == "closed").Value);
        Assert.Equal(8, states.Count);
    }
}
