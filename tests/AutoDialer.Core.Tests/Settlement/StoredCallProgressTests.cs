using System.Text.Json;
using AutoDialer.Core.Events;
using AutoDialer.Core.Settlement;
using AutoDialer.Core.StoredWords;

namespace AutoDialer.Core.Tests.Settlement;

public class StoredCallProgressTests
{
    public static IEnumerable<object[]> Cases => new TheoryData<string[], StoredCallProgress>
    {
        { [], StoredCallProgress.Nothing },
        { ["originated"], StoredCallProgress.Ringing },
        { ["delivered"], StoredCallProgress.Ringing },
        { ["originated", "established"], StoredCallProgress.Answered },
        { ["established", "originated"], StoredCallProgress.Answered },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    internal void Established_stored_means_answered_and_placed_or_ringing_means_ringing(string[] kinds, StoredCallProgress expected)
    {
        Assert.Equal(expected, StoredCallProgresses.Of(kinds.Select(Signal)));
    }

    private static CallSignal Signal(string kind)
    {
        var source = new CallCenterEvent(EventVendor.Udesk, "acc", "agent-1", kind, DateTimeOffset.UnixEpoch, kind, JsonDocument.Parse("{}").RootElement);
        return kind switch
        {
            "originated" => new OriginatedSignal(source, "c-1", "13800000000", null, null),
            "delivered" => new DeliveredSignal(source, "c-1", "13800000000", null, null),
            _ => new EstablishedSignal(source, "c-1", "13800000000", null, null),
        };
    }
}
