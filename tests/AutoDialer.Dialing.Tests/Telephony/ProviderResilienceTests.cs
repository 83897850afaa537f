using AutoDialer.Core.Telephony;
using AutoDialer.Dialing.Telephony;
using AutoDialer.Telephony.Resilience;
using AutoDialer.Testing;
using NSubstitute;

namespace AutoDialer.Dialing.Tests.Telephony;

/// <summary>Only provider failures count toward an account's circuit breaker: refusals because of the agent or of our
/// request do not. Reads are retried as often as configured, none when it says 0, each try within the read timeout.</summary>
public sealed class ProviderResilienceTests
{
    private static readonly DialingOptions Options = new()
    {
        Resilience = new ResilienceOptions
        {
            RetryDelay = TimeSpan.FromMilliseconds(200),
            Breaker = new CircuitBreakerOptions
            {
                FailureRatio = 0.5,
                MinimumThroughput = 4,
                SamplingDuration = TimeSpan.FromMinutes(1),
                BreakDuration = TimeSpan.FromMinutes(1),
            },
        },
    };

    [Theory]
    [InlineData(VendorCodes.AgentNotIdle, false)]
    [InlineData(VendorCodes.InvalidRequest, false)]
    [InlineData(VendorCodes.BusinessIdTooLong, false)]
    [InlineData(VendorCodes.InvalidNumber, false)]
    [InlineData(VendorCodes.VendorRejected, true)]
    [InlineData("5001", true)]
    public async Task Ten_refusals_open_the_breaker_only_when_they_are_provider_failures(string code, bool opens)
    {
        var resilience = new ProviderResilience("acct", Options, new ManualTimeProvider());
        var session = Substitute.For<IAgentSession>();
        session.MakeCallAsync(Arg.Any<MakeCallRequest>(), Arg.Any<CancellationToken>())
            .Returns(VendorResult<MakeCallAccepted>.Failure(code, "refused"));

        for (var i = 0; i < 10; i++)
        {
            await resilience.MakeCallAsync(session, new MakeCallRequest("13800000000", i.ToString(System.Globalization.CultureInfo.InvariantCulture)), CancellationToken.None);
        }

        Assert.Equal(opens, resilience.DispatchPaused);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 2)]
    [InlineData(3, 4)]
    public async Task A_failing_read_is_tried_once_and_then_retried_as_often_as_configured(int retries, int tries)
    {
        var options = new DialingOptions { Resilience = new ResilienceOptions { Retries = retries, RetryDelay = TimeSpan.Zero } };
        var resilience = new ProviderResilience("acct", options, new ManualTimeProvider());
        var asked = 0;

        var result = await resilience.ReadAsync(_ =>
        {
            asked++;
            return Task.FromResult(VendorResult.Failure(VendorCodes.VendorRejected, "unwell"));
        }, CancellationToken.None);

        Assert.Equal(VendorCodes.VendorRejected, result.Code);
        Assert.Equal(tries, asked);
    }

    [Fact]
    public async Task A_read_that_does_not_answer_times_out_after_the_read_timeout_not_the_make_call_timeout()
    {
        var time = new ManualTimeProvider();
        var options = new DialingOptions
        {
            MakeCallTimeout = TimeSpan.FromMinutes(10),
            ReadTimeout = TimeSpan.FromSeconds(3),
            Resilience = new ResilienceOptions { Retries = 0 },
        };
        var resilience = new ProviderResilience("acct", options, time);

        var read = resilience.ReadAsync(async ct =>
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, ct);
            return VendorResult.Success();
        }, CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(3));
        var answered = await Task.WhenAny(read, Task.Delay(TimeSpan.FromSeconds(30))) == read;

        Assert.True(answered, "the read was still waiting 3 s after it started, with a 3 s read timeout");
        Assert.Equal(VendorCodes.Timeout, (await read).Code);
    }
}
