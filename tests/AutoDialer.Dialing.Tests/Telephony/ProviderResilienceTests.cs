using AutoDialer.Core.Telephony;
using AutoDialer.Dialing.Telephony;
using AutoDialer.Telephony.Resilience;
using AutoDialer.Testing;
using NSubstitute;

namespace AutoDialer.Dialing.Tests.Telephony;

/// <summary>Only provider failures count toward an account's circuit breaker: refusals because of the agent or of our request do not.</summary>
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
}
