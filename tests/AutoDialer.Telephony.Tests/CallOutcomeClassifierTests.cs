using System.Text.Json;
using System.Text.Json.Nodes;
using AutoDialer.Core.Events;
using AutoDialer.Core.StoredWords;
using AutoDialer.Core.Telephony;
using AutoDialer.Core.Telephony.Meiqia;
using AutoDialer.Core.Telephony.Udesk;

namespace AutoDialer.Telephony.Tests;

public sealed class CallOutcomeClassifierTests
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 3, 9, 0, 0, TimeSpan.Zero);

    /// <summary>Udesk event names at seconds after T0; "ConnectionCleared:CAUSE" carries a cause;
    /// "meiqia:name" is a Meiqia event.</summary>
    public static TheoryData<string, string, int, int, string?> Sequences => new()
    {
        { "Originated@0 Delivered@1 Established@6 ConnectionCleared:NORMAL_CLEARING@36", CallOutcomes.Answered, 6, 30, null },
        { "Originated@0 Delivered@1 Established@6 ConnectionCleared@36", CallOutcomes.Answered, 6, 30, null },
        { "Originated@0 Delivered@1 Established@6 Held@10 Retrieved@20 ConnectionCleared@36", CallOutcomes.Answered, 6, 30, null },
        { "AgentStateChanged@0 Originated@0 Delivered@1 ConnectionCleared:NO_ANSWER@46 AgentStateChanged@56", CallOutcomes.NoAnswer, 46, 0, null },
        { "Originated@0 Delivered@1 ConnectionCleared:ORIGINATOR_CANCEL@30", CallOutcomes.NoAnswer, 30, 0, null },
        { "Originated@0 Delivered@1 ConnectionCleared@20", CallOutcomes.NoAnswer, 20, 0, null },
        { "Originated@0 ConnectionCleared:USER_BUSY@2", CallOutcomes.Busy, 2, 0, null },
        { "Originated@0 Delivered@1 ConnectionCleared:CALL_REJECTED@6", CallOutcomes.Rejected, 6, 0, null },
        { "Originated@0 ConnectionCleared:NORMAL_TEMPORARY_FAILURE@2", CallOutcomes.Failed, 2, 0, "NORMAL_TEMPORARY_FAILURE" },
        { "Originated@0 ConnectionCleared:UNALLOCATED_NUMBER@1", CallOutcomes.Invalid, 1, 0, "UNALLOCATED_NUMBER" },
        { "meiqia:calling@0 meiqia:answer@8 meiqia:hangup@68", CallOutcomes.Answered, 8, 60, null },
        { "meiqia:calling@0 meiqia:hangup@30", CallOutcomes.NoAnswer, 30, 0, null },
        { "meiqia:blackList@0", CallOutcomes.Blacklisted, 0, 0, null },
    };

    [Theory]
    [MemberData(nameof(Sequences))]
    public void Signals_give_the_outcome(string sequence, string outcome, int ringSeconds, int talkSeconds, string? code)
    {
        var classified = CallOutcomeClassifier.Classify(Signals(sequence));

        Assert.NotNull(classified);
        Assert.Equal((outcome, ringSeconds, talkSeconds, code), (classified.Outcome.ToName(), classified.RingSeconds, classified.TalkSeconds, classified.VendorCode));
        Assert.Equal("call-1", classified.CallId);
    }

    [Theory]
    [MemberData(nameof(Sequences))]
    public void Reordered_and_duplicated_signals_give_the_same_outcome(string sequence, string outcome, int ringSeconds, int talkSeconds, string? code)
    {
        _ = (outcome, ringSeconds, talkSeconds, code);
        var signals = Signals(sequence);
        var expected = CallOutcomeClassifier.Classify(signals);

        foreach (var permutation in Permutations(signals))
        {
            Assert.Equal(expected, CallOutcomeClassifier.Classify(permutation));
            Assert.Equal(expected, CallOutcomeClassifier.Classify(permutation.Concat(permutation.AsEnumerable().Reverse())));
            Assert.Equal(expected, CallOutcomeClassifier.Classify(permutation.SelectMany(s => new[] { s, s })));
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("AgentStateChanged@0")]
    [InlineData("Originated@0 Delivered@1")]
    [InlineData("Originated@0 Delivered@1 Established@6")]
    public void A_call_without_hang_up_is_not_over(string sequence)
    {
        Assert.Null(CallOutcomeClassifier.Classify(Signals(sequence)));
    }

    [Fact]
    public void The_earliest_release_decides_even_when_it_arrives_last()
    {
        var signals = Signals("Originated@0 Delivered@1 Established@6 ConnectionCleared:NORMAL_CLEARING@36 ConnectionCleared:NORMAL_CLEARING@40");

        var classified = CallOutcomeClassifier.Classify(signals.AsEnumerable().Reverse());

        Assert.Equal(30, classified!.TalkSeconds);
    }

    [Theory]
    [InlineData(VendorCodes.Timeout, CallOutcomes.Unknown)]
    [InlineData(VendorCodes.InvalidNumber, CallOutcomes.Invalid)]
    [InlineData(VendorCodes.NoSession, CallOutcomes.Failed)]
    [InlineData(VendorCodes.AgentNotIdle, CallOutcomes.Failed)]
    [InlineData("AD-SIM-FAULT", CallOutcomes.Failed)]
    [InlineData("5001", CallOutcomes.Failed)]
    public void Make_call_failures_give_the_outcome(string code, string outcome)
    {
        var classified = CallOutcomeClassifier.FromMakeCallFailure(VendorResult.Failure(code, "外呼失败", visible: true));

        Assert.Equal((outcome, code, "外呼失败"), (classified.Outcome.ToName(), classified.VendorCode, classified.VendorMessage));
    }

    [Fact]
    public void A_successful_make_call_has_no_failure_outcome()
    {
        Assert.Throws<ArgumentException>(() => CallOutcomeClassifier.FromMakeCallFailure(VendorResult.Success()));
    }

    [Fact]
    public void Vendor_results_keep_the_envelope()
    {
        var ok = VendorResult<MakeCallAccepted>.Success(new MakeCallAccepted("biz-1", null));
        var failed = VendorResult<NumberSourceList>.FailureFrom(VendorResult.Failure("AD-X", "nope", visible: true));

        Assert.Equal(("0000", "", false, true), (ok.Code, ok.Message, ok.Visible, ok.IsSuccess));
        Assert.Equal(("AD-X", "nope", true, false, null), (failed.Code, failed.Message, failed.Visible, failed.IsSuccess, failed.Data));
        Assert.Equal(VendorCodes.Timeout, VendorResult<ProviderState>.Timeout().Code);
        Assert.True(VendorCodes.IsLocal(VendorResult.NoSession().Code));
        Assert.False(VendorCodes.IsLocal(VendorCodes.Success));
    }

    private static List<CallSignal> Signals(string sequence) =>
        sequence.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Signal).ToList();

    private static CallSignal Signal(string token)
    {
        var (head, seconds) = (token[..token.IndexOf('@')], int.Parse(token[(token.IndexOf('@') + 1)..]));
        var at = T0.AddSeconds(seconds);
        if (head.StartsWith("meiqia:", StringComparison.Ordinal))
        {
            var meiqia = new JsonObject { ["uuid"] = "call-1", ["customer"] = "13800138000", ["action"] = head[7..] };
            return MeiqiaEventInterpreter.Interpret(CallCenterEvent.Create(EventVendor.Meiqia, "acct", "agent-1", head[7..], at, JsonSerializer.SerializeToElement(meiqia)));
        }

        var parts = head.Split(':');
        var data = parts[0] == UdeskEventNames.AgentStateChanged
            ? (JsonNode)new JsonArray(new JsonObject { ["CurState"] = "busy", ["OldState"] = "idle" })
            : new JsonObject { ["CallID"] = "call-1", ["CustomerInfo"] = new JsonObject { ["Number"] = "13800138000" } };
        if (parts.Length > 1)
        {
            data[UdeskAssumptions.HangupCauseField] = parts[1];
        }

        var envelope = new JsonObject { ["Code"] = "0000", ["Data"] = data, ["Message"] = "", ["Visible"] = false };
        return UdeskEventInterpreter.Interpret(CallCenterEvent.Create(EventVendor.Udesk, "acct", "agent-1", parts[0], at, JsonSerializer.SerializeToElement(envelope)));
    }

    private static IEnumerable<List<CallSignal>> Permutations(List<CallSignal> items)
    {
        if (items.Count <= 1)
        {
            yield return items;
            yield break;
        }

        for (var i = 0; i < items.Count; i++)
        {
            var rest = items.Where((_, j) => j != i).ToList();
            foreach (var tail in Permutations(rest))
            {
                yield return [items[i], .. tail];
            }
        }
    }
}
