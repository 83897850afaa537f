using AutoDialer.Core.Telephony;

namespace AutoDialer.Core.Tests.Telephony;

/// <summary>A failed make-call is a call, a refusal that is not a call, or a provider failure; only the last (and a timeout) counts against the provider.</summary>
public sealed class MakeCallFailuresTests
{
    [Theory]
    [InlineData(VendorCodes.Timeout, MakeCallFailureKind.MayHaveRung, true)]
    [InlineData(VendorCodes.NoSession, MakeCallFailureKind.MayHaveRung, false)]
    [InlineData(VendorCodes.AgentNotIdle, MakeCallFailureKind.AgentRefused, false)]
    [InlineData(VendorCodes.InvalidRequest, MakeCallFailureKind.RequestRefused, false)]
    [InlineData(VendorCodes.BusinessIdTooLong, MakeCallFailureKind.RequestRefused, false)]
    [InlineData(VendorCodes.InvalidNumber, MakeCallFailureKind.InvalidNumber, false)]
    [InlineData(MakeCallFailures.CircuitOpenCode, MakeCallFailureKind.NotAsked, false)]
    [InlineData(VendorCodes.DeadlinePassed, MakeCallFailureKind.NotAsked, false)]
    [InlineData(VendorCodes.PlacedLate, MakeCallFailureKind.MayHaveRung, false)]
    [InlineData(VendorCodes.VendorRejected, MakeCallFailureKind.ProviderFailure, true)]
    [InlineData(VendorCodes.BridgeError, MakeCallFailureKind.ProviderFailure, true)]
    [InlineData("5001", MakeCallFailureKind.ProviderFailure, true)]
    internal void Each_failure_has_one_kind_and_only_provider_failures_and_timeouts_count_against_the_provider(string code, MakeCallFailureKind kind, bool counts)
    {
        var failure = VendorResult.Failure(code, "x");

        Assert.Equal(kind, MakeCallFailures.Classify(failure));
        Assert.Equal(counts, MakeCallFailures.CountsAgainstProvider(failure));
    }

    [Theory]
    [InlineData(MakeCallFailureKind.AgentRefused, true)]
    [InlineData(MakeCallFailureKind.RequestRefused, true)]
    [InlineData(MakeCallFailureKind.NotAsked, true)]
    [InlineData(MakeCallFailureKind.MayHaveRung, false)]
    [InlineData(MakeCallFailureKind.InvalidNumber, false)]
    [InlineData(MakeCallFailureKind.ProviderFailure, false)]
    internal void Refusals_that_are_not_calls_give_the_contact_its_attempt_back(MakeCallFailureKind kind, bool notDialled) =>
        Assert.Equal(notDialled, MakeCallFailures.NotDialled(kind));
}
