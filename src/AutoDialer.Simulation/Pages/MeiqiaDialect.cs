using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using AutoDialer.Core.Telephony;
using AutoDialer.Core.Telephony.Meiqia;
using AutoDialer.Simulation.Calls;
using AutoDialer.Simulation.Vendors;
using AutoDialer.Telephony.Bridge;

namespace AutoDialer.Simulation.Pages;

/// <summary>
/// Meiqia's call SDK on a page: the callback methods (success → resolved with the value, error → rejected with the
/// message, <c>validatorErrorCb</c> → invalid), <c>hangup()</c> without callbacks, and the documented events
/// (<see cref="MeiqiaEvents"/>).
/// </summary>
internal sealed class MeiqiaDialect : IPageDialect
{
    /// <summary>The longest <c>userData</c> the SDK's validator accepts.</summary>
    public const int MaxUserDataLength = 300;

    public string Provider => BridgeProviders.Meiqia;

    public string? BusinessIdOf(JsonElement args) => CommandArgs.String(CommandArgs.Object(CommandArgs.At(args, 0), "client"), "userData");

    public CommandReply Execute(string method, JsonElement args, AgentPhone phone)
    {
        var first = CommandArgs.At(args, 0);
        switch (method)
        {
            case MeiqiaMethodNames.Call:
                var client = CommandArgs.Object(first, "client");
                var number = CommandArgs.NonEmpty(CommandArgs.String(client, "number"));
                var userData = CommandArgs.String(client, "userData") ?? "";
                if (number is null)
                {
                    return new CommandReply(CommandReply.Invalid, JsonValue.Create("number or privacyNumber is required"));
                }

                if (userData.Length > MaxUserDataLength)
                {
                    return new CommandReply(CommandReply.Invalid, JsonValue.Create("userData is longer than 300"));
                }

                return Reply(phone.MakeCall(Request(number, userData, CommandArgs.NonEmpty(CommandArgs.String(client, "outNumber")))));
            case MeiqiaMethodNames.Hangup:
                phone.Hangup(null); // documented without callbacks: done when it returns
                return new CommandReply(CommandReply.Resolved, null);
            case MeiqiaMethodNames.SetAgentStatus:
                return Reply(phone.SetState(MeiqiaAgentStatus.ToAgentState(CommandArgs.Int(first, "status")), null));
            case MeiqiaMethodNames.GetAgentRule:
                return new CommandReply(CommandReply.Resolved, AgentRule(phone));
            case MeiqiaMethodNames.SetOutNumber:
                var data = CommandArgs.Object(first, "data");
                var type = MeiqiaOutboundRule.ToNumberSourceType(CommandArgs.Int(data, "rule")) ?? NumberSourceType.TrunkNumber;
                var id = type == NumberSourceType.NumberPool ? CommandArgs.String(data, "group_id") : CommandArgs.String(data, "number");
                return Reply(phone.Select(type, id ?? ""));
            case MeiqiaMethodNames.RefreshToken:
                return new CommandReply(CommandReply.Resolved, null);
            default:
                return CommandReply.NotAvailable(method);
        }
    }

    public IReadOnlyList<VendorEvent> EventsOf(PhoneEvent happened) => MeiqiaEvents.Of(happened);

    private static MakeCallRequest Request(string number, string userData, string? outNumber) =>
        outNumber is null ? new MakeCallRequest(number, userData)
        : MeiqiaOutNumber.GroupIdOf(outNumber) is { } group ? new MakeCallRequest(number, userData, NumberSource: new NumberSourceRef(NumberSourceType.NumberPool, group))
        : new MakeCallRequest(number, userData, CallerNumber: outNumber);

    /// <summary><c>AgentRuleType</c>: manual numbers (the trunk numbers) and dynamic groups (the pools).</summary>
    private static JsonObject AgentRule(AgentPhone phone)
    {
        var trunks = phone.Sources(NumberSourceType.TrunkNumber);
        var pools = phone.Sources(NumberSourceType.NumberPool);
        var selected = phone.Selected;
        return new JsonObject
        {
            [MeiqiaAgentRule.DefaultRule] = MeiqiaOutboundRule.Of(selected?.Type ?? NumberSourceType.TrunkNumber),
            [MeiqiaAgentRule.AgentNumbers] = new JsonObject
            {
                [MeiqiaAgentRule.DefaultNumber] = trunks.DefaultId ?? (trunks.List.Count > 0 ? trunks.List[0].Id : null) ?? "",
                [MeiqiaAgentRule.Numbers] = new JsonArray(trunks.List.Select(t => (JsonNode)JsonValue.Create(t.Id)).ToArray()),
            },
            [MeiqiaAgentRule.AgentGroups] = new JsonArray(pools.List.Select(p => (JsonNode)new JsonObject
            {
                [MeiqiaAgentRule.Id] = long.TryParse(p.Id, NumberStyles.None, CultureInfo.InvariantCulture, out var numeric) ? JsonValue.Create(numeric) : JsonValue.Create(p.Id),
                [MeiqiaAgentRule.Name] = p.Name,
                [MeiqiaAgentRule.Numbers] = new JsonArray(p.Numbers.Select(n => (JsonNode)JsonValue.Create(n)).ToArray()),
                [MeiqiaAgentRule.IsDefault] = pools.DefaultId == p.Id ? 1 : 0,
            }).ToArray()),
        };
    }

    private static CommandReply Reply(PhoneAnswer answer) =>
        answer.Ok ? new CommandReply(CommandReply.Resolved, null)
        : answer.BadArguments ? new CommandReply(CommandReply.Invalid, JsonValue.Create(answer.Message ?? ""))
        : new CommandReply(CommandReply.Rejected, JsonValue.Create(answer.Message ?? ""));

}
