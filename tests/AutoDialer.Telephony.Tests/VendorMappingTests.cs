using System.Text.Json;
using AutoDialer.Core.Events;
using AutoDialer.Core.StoredWords;
using AutoDialer.Core.Telephony;
using AutoDialer.Core.Telephony.Meiqia;
using AutoDialer.Core.Telephony.Udesk;
using AutoDialer.Telephony.Bridge;
using AutoDialer.Telephony.Meiqia;

namespace AutoDialer.Telephony.Tests;

/// <summary>The vendor tables beyond events, from the documents' payloads: numbers, rules, states, results, limits.</summary>
public sealed class VendorMappingTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 3, 9, 0, 0, TimeSpan.Zero);

    public static IEnumerable<object[]> OutNumbers => new TheoryData<MakeCallRequest, string?>()
    {
        { new("+8613800000001", "1"), null },
        { new("+8613800000001", "1", CallerNumber: "02161230001"), "02161230001" },
        { new("+8613800000001", "1", NumberSource: new(NumberSourceType.NumberPool, "2")), "group2" },
        { new("+8613800000001", "1", NumberSource: new(NumberSourceType.TrunkNumber, "02161230002")), "02161230002" },
        { new("+8613800000001", "1", CallerNumber: "02161230001", NumberSource: new(NumberSourceType.NumberPool, "2")), "02161230001" },
    };

    [Theory]
    [MemberData(nameof(OutNumbers))]
    internal void Meiqia_out_number_is_a_number_or_group_id(MakeCallRequest request, string? expected) =>
        Assert.Equal(expected, MeiqiaOutNumber.For(request));

    [Theory]
    [InlineData("group2", "2")]
    [InlineData("group15", "15")]
    [InlineData("gourp2", null)]
    [InlineData("02161230001", null)]
    [InlineData("group", null)]
    public void Meiqia_group_out_numbers_are_recognised(string outNumber, string? groupId) =>
        Assert.Equal(groupId, MeiqiaOutNumber.GroupIdOf(outNumber));

    [Theory]
    [InlineData(NumberSourceType.TrunkNumber, 1)]
    [InlineData(NumberSourceType.NumberPool, 2)]
    internal void Number_source_types_follow_the_documents(NumberSourceType type, int value)
    {
        // Udesk: type 1 = 中继号 (trunk), 2 = 号码池 (pool); Meiqia: default_rule 1 = manual numbers, 2 = dynamic groups.
        Assert.Equal(value, (int)type);
        Assert.Equal(value, MeiqiaOutboundRule.Of(type));
        Assert.Equal(type, MeiqiaOutboundRule.ToNumberSourceType(value));
    }

    private const string AgentRule = """
        { "default_rule": 2,
          "agent_numbers": { "default_number": "02161230001", "numbers": ["02161230001", "02161230002"], "updated_at": "" },
          "agent_groups": [ { "id": 2, "name": "上海", "rule_type": 2, "numbers": ["02161239999"], "is_default": 1, "updated_at": "" },
                            { "id": 3, "name": "北京", "rule_type": 1, "numbers": [], "is_default": 0, "updated_at": "" } ] }
        """;

    [Fact]
    public void Meiqia_agent_rule_reads_as_trunk_numbers_and_pools()
    {
        var rule = JsonDocument.Parse(AgentRule).RootElement;
        var manual = MeiqiaAgentRule.Read(rule, NumberSourceType.TrunkNumber);
        Assert.Equal(["02161230001", "02161230002"], manual.List.Select(s => s.Id));
        Assert.Null(manual.DefaultId); // default_rule 2: the manual default is not in force
        var groups = MeiqiaAgentRule.Read(rule, NumberSourceType.NumberPool);
        Assert.Equal([("2", "上海"), ("3", "北京")], groups.List.Select(s => (s.Id, s.Name)));
        Assert.Equal("2", groups.DefaultId);
        Assert.Equal(["02161239999"], groups.List[0].Numbers);
    }

    [Theory]
    [InlineData(AgentState.Idle, 1)]
    [InlineData(AgentState.Offline, 2)]
    [InlineData(AgentState.OnBreak, 3)]
    [InlineData(AgentState.Busy, 4)]
    internal void Meiqia_settable_status_codes(AgentState state, int code)
    {
        Assert.Equal(code, MeiqiaAgentStatus.ToStatusCode(state));
        Assert.Equal(state, MeiqiaAgentStatus.ToAgentState(code));
    }

    [Theory]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public void Meiqia_report_only_codes_are_busy(int code) => Assert.Equal(AgentState.Busy, MeiqiaAgentStatus.ToAgentState(code));

    [Theory]
    [InlineData(0, null)]
    [InlineData(300, null)]
    [InlineData(301, VendorCodes.BusinessIdTooLong)]
    public void Meiqia_userData_is_at_most_300_characters(int length, string? code)
    {
        var id = length == 0 ? "" : new string('7', length);
        var refused = BusinessIdRule.Meiqia.Check(id);
        Assert.Equal(length == 0 ? VendorCodes.InvalidRequest : code, refused?.Code);
        Assert.Null(BusinessIdRule.Udesk.Check(new string('7', 301)));
    }

    [Fact]
    public void Udesk_number_sources_items_may_be_objects_or_bare_numbers()
    {
        var pools = UdeskData.NumberSources(NumberSourceType.NumberPool, JsonDocument.Parse("""{ "list": [{ "id": "7", "name": "Pool" }], "defaultId": "7" }""").RootElement);
        Assert.Equal(("7", "Pool", "7"), (pools.List[0].Id, pools.List[0].Name, pools.DefaultId));
        var trunks = UdeskData.NumberSources(NumberSourceType.TrunkNumber, JsonDocument.Parse("""{ "list": ["02161230001"], "defaultId": null }""").RootElement);
        Assert.Equal(("02161230001", (string?)null), (trunks.List[0].Id, trunks.DefaultId));
    }

    [Fact]
    public void Udesk_other_agents_read_from_the_documented_example()
    {
        var data = JsonDocument.Parse("""[{ "AgentId": "78", "AppId": "xxxxxx", "Email": "diandian@test.cn", "Enable": true, "ExtState": 0, "ExtenInfos": null, "Extensions": null, "Mobile": "x", "Name": "x", "Queues": null, "QueuesNames": null, "Role": "agent", "State": 1, "WorkId": "", "WrapUpTime": 0 }]""").RootElement;
        Assert.Equal(new AgentStatus("78", "xxxxxx", "x", true, "1", 0), Assert.Single(UdeskData.Agents(data)));
    }

    public static IEnumerable<object[]> UdeskReplies => new TheoryData<BridgeReplyStatus, string, string>()
    {
        { BridgeReplyStatus.Resolved, """{"Code":"0000","Data":null,"Message":"","Visible":false}""", "0000" },
        { BridgeReplyStatus.Resolved, """{"Code":"5001","Data":null,"Message":"外呼失败","Visible":true}""", "5001" },
        { BridgeReplyStatus.Rejected, """{"Code":"5001","Data":null,"Message":"外呼失败","Visible":true}""", "5001" },
        { BridgeReplyStatus.Rejected, """{"Message":"boom"}""", VendorCodes.VendorRejected },
        { BridgeReplyStatus.Failed, """{"Message":"no such method"}""", VendorCodes.BridgeError },
        { BridgeReplyStatus.Invalid, "\"bad\"", VendorCodes.InvalidRequest },
        { BridgeReplyStatus.TimedOut, "null", VendorCodes.Timeout },
        { BridgeReplyStatus.Lost, "null", VendorCodes.Timeout },
        { BridgeReplyStatus.NotSent, "null", VendorCodes.NoSession },
    };

    [Theory]
    [MemberData(nameof(UdeskReplies))]
    internal void Bridge_replies_become_vendor_results(BridgeReplyStatus status, string value, string code)
    {
        var result = BridgeResults.Udesk(new BridgeReply(status, JsonDocument.Parse(value).RootElement), _ => true);
        Assert.Equal(code, result.Code);
        // Only an answer that may have gone unseen is a timeout, the one make-call result that must not be repeated.
        Assert.Equal(status is BridgeReplyStatus.TimedOut or BridgeReplyStatus.Lost, result.Code == VendorCodes.Timeout);
    }

    [Fact]
    public void Meiqia_replies_become_vendor_results()
    {
        Assert.True(BridgeResults.Meiqia(new BridgeReply(BridgeReplyStatus.Resolved, default), _ => 1).IsSuccess);
        var error = BridgeResults.Meiqia(new BridgeReply(BridgeReplyStatus.Rejected, JsonDocument.Parse("\"外呼失败\"").RootElement), _ => 1);
        Assert.Equal((VendorCodes.VendorRejected, "外呼失败"), (error.Code, error.Message));
    }

    [Theory]
    [InlineData("7200", 7200)]
    [InlineData("1741000000", 1741000000 - 1740992400)]
    [InlineData("1741000000000", 1741000000 - 1740992400)]
    [InlineData("2025-03-03 18:00:00", 3600)]
    [InlineData("2025-03-03T10:00:00Z", 3600)]
    [InlineData("", 1800)]
    [InlineData("not a date", 1800)]
    [InlineData("2020-01-01 00:00:00", 1800)]
    public void Meiqia_expire_time_formats(string expireTime, int secondsFromNow)
    {
        var element = JsonDocument.Parse(JsonSerializer.Serialize(expireTime)).RootElement;
        Assert.Equal(Now.AddSeconds(secondsFromNow), MeiqiaOpenApiReader.ExpiresAt(element, Now));
    }

    [Fact]
    public void Meiqia_unregister_and_lost_socket_mean_offline()
    {
        foreach (var name in new[] { MeiqiaEventNames.Unregister, MeiqiaEventNames.NotifySocketReconnectFailed })
        {
            var signal = MeiqiaEventInterpreter.Interpret(CallCenterEvent.Create(EventVendor.Meiqia, "m", "1", name, Now, JsonDocument.Parse("{}").RootElement));
            Assert.Equal(AgentState.Offline, Assert.IsType<AgentStateChangedSignal>(signal).State);
        }
    }
}
