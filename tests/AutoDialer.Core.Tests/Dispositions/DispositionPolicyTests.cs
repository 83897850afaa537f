using System.Text.Json;
using AutoDialer.Core.Callbacks;
using AutoDialer.Core.Campaigns;
using AutoDialer.Core.Dispositions;
using AutoDialer.Core.Preview;
using AutoDialer.Core.StoredWords;

namespace AutoDialer.Core.Tests.Dispositions;

/// <summary>The agent's side's settings: their defaults are usable, and each bad value is named by its path.</summary>
public class DispositionPolicyTests
{
    [Fact]
    public void The_defaults_are_valid_and_have_one_code_per_effect()
    {
        Assert.Empty(new DispositionPolicy().Validate());
        Assert.Empty(new CallbackPolicy().Validate());
        Assert.Empty(new PreviewPolicy().Validate());
        Assert.Equal(Enum.GetValues<DispositionEffect>().Order(), DispositionPolicy.DefaultCodes.Select(c => c.Effect).Order());
    }

    public static IEnumerable<object[]> BadPolicies() => new TheoryData<DispositionPolicy, string>()
    {
        { new() { Codes = [new("Bad Code", "坏", "Bad", DispositionEffect.FinalFailure)] }, "codes[0].code" },
        { new() { Codes = [new("a", "甲", "A", DispositionEffect.FinalFailure), new("a", "乙", "B", DispositionEffect.FinalSuccess)] }, "codes[1].code" },
        { new() { Codes = [new("a", "", "A", DispositionEffect.FinalFailure)] }, "codes[0].label_zh" },
        { new() { Codes = [new("a", "甲", " ", DispositionEffect.FinalFailure)] }, "codes[0].label_en" },
        { new() { Codes = [new("a", "甲", "A", DispositionEffect.RetryAfter)] }, "codes[0].retry_after" },
        { new() { Codes = [new("a", "甲", "A", DispositionEffect.Callback, TimeSpan.FromHours(1))] }, "codes[0].retry_after" },
        { new() { AcceptFor = TimeSpan.FromDays(8) }, "accept_for" },
        { new() { WrapUpTimeout = TimeSpan.FromHours(2) }, "wrap_up_timeout" },
    };

    [Theory]
    [MemberData(nameof(BadPolicies))]
    internal void A_bad_value_is_named_by_its_path(DispositionPolicy policy, string field)
    {
        Assert.Contains(field, policy.Validate().Select(e => e.Field));
    }

    [Fact]
    public void A_code_is_a_complaint_only_when_its_settings_say_so()
    {
        var policy = JsonSerializer.Deserialize<DispositionPolicy>("""
            {"codes": [{"code": "complained", "label_zh": "投诉", "label_en": "Complained", "effect": "final_failure", "complaint": true},
                       {"code": "no", "label_zh": "无意向", "label_en": "No", "effect": "final_failure"}]}
            """, CampaignSettings.JsonOptions)!;
        Assert.Equal([true, false], policy.Codes.Select(c => c.Complaint));
        Assert.DoesNotContain(DispositionPolicy.DefaultCodes, c => c.Complaint);
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<DispositionPolicy>("""
            {"codes": [{"code": "complained", "label_zh": "投诉", "label_en": "Complained", "effect": "final_failure", "complaint": "yes"}]}
            """, CampaignSettings.JsonOptions));
    }

    [Fact]
    public void Callbacks_and_preview_name_their_bad_values()
    {
        Assert.Equal(["owner_grace", "extra_attempts"], new CallbackPolicy { OwnerGrace = TimeSpan.FromDays(2), ExtraAttempts = 11 }.Validate().Select(e => e.Field));
        Assert.Equal(["timeout", "max_skips_per_agent_per_day"],
            new PreviewPolicy { Timeout = TimeSpan.FromSeconds(1), MaxSkipsPerAgentPerDay = -1 }.Validate().Select(e => e.Field));
    }
}
