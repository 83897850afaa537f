using AutoDialer.Core.Dispositions;
using AutoDialer.Core.StoredWords;

namespace AutoDialer.Core.Tests.Dispositions;

/// <summary>The campaign page's dispositions: every code offered, in the campaign's order, then the ones it dropped.</summary>
public class DispositionTallyTests
{
    private static readonly DispositionCode[] Codes =
    [
        new("success", "成功", "Success", DispositionEffect.FinalSuccess),
        new("call_back", "预约回拨", "Call back", DispositionEffect.Callback),
        new("wrong_number", "号码错误", "Wrong number", DispositionEffect.WrongNumber),
    ];

    [Fact]
    public void Every_code_offered_is_listed_in_the_campaigns_order_with_zero_for_codes_no_call_has()
    {
        var tally = DispositionTally.Of(Codes, new Dictionary<string, long> { ["call_back"] = 2 },
            new Dictionary<string, long> { ["call_back"] = 5, ["success"] = 3 });

        Assert.Equal(
            [
                new DispositionCount("success", "成功", "Success", DispositionEffect.FinalSuccess, 0, 3),
                new DispositionCount("call_back", "预约回拨", "Call back", DispositionEffect.Callback, 2, 5),
                new DispositionCount("wrong_number", "号码错误", "Wrong number", DispositionEffect.WrongNumber, 0, 0),
            ],
            tally);
    }

    [Fact]
    public void Codes_the_campaign_dropped_follow_by_code_without_a_label_or_an_effect()
    {
        var tally = DispositionTally.Of(Codes[..1], new Dictionary<string, long> { ["zz_old"] = 1 },
            new Dictionary<string, long> { ["zz_old"] = 4, ["aa_old"] = 2, ["success"] = 1 });

        Assert.Equal(["success", "aa_old", "zz_old"], tally.Select(c => c.Code));
        Assert.Equal(new DispositionCount("zz_old", null, null, null, 1, 4), tally[2]);
        Assert.Equal(new DispositionCount("aa_old", null, null, null, 0, 2), tally[1]);
    }
}
