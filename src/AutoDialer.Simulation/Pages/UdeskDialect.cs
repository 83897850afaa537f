using System.Text.Json;
using System.Text.Json.Nodes;
using AutoDialer.Core.StoredWords;
using AutoDialer.Core.Telephony;
using AutoDialer.Core.Telephony.Udesk;
using AutoDialer.Simulation.Calls;
using AutoDialer.Simulation.Vendors;
using AutoDialer.Telephony.Bridge;

namespace AutoDialer.Simulation.Pages;

/// <summary>
/// The Udesk CCPaaS API SDK 2.1.0 on a page: the promise methods answer the envelope <c>{ Code, Message, Data,
/// Visible }</c> (resolved on success, rejected with the failure's envelope), and the events are the in-process
/// simulator's (<see cref="UdeskEvents"/>).
/// </summary>
internal sealed class UdeskDialect(AgentRoster roster) : IPageDialect
{
    public string Provider => BridgeProviders.Udesk;

    public string? BusinessIdOf(JsonElement args) => CommandArgs.String(Arg(args, 1), UdeskFields.BizId);

    public CommandReply Execute(string method, JsonElement args, AgentPhone phone)
    {
        var first = Arg(args, 0);
        switch (method)
        {
            case UdeskMethodNames.MakeCall:
                var number = CommandArgs.Text(first) ?? "";
                var businessId = CommandArgs.String(Arg(args, 1), UdeskFields.BizId) ?? "";
                return Reply(phone.MakeCall(new MakeCallRequest(number, businessId)));
            case UdeskMethodNames.Hangup:
                return Reply(phone.Hangup(CommandArgs.Text(first) ?? ""));
            case UdeskMethodNames.SetAgentState:
                return Reply(phone.SetState(AgentStates.Parse(CommandArgs.Text(first)), CommandArgs.Text(Arg(args, 1))));
            case UdeskMethodNames.GetNumberPoolAndSpNum:
                return Success(NumberSources(phone.Sources(SourceType(first))));
            case UdeskMethodNames.SetSpNumberPoolNum:
                return Reply(phone.Select(SourceType(first), CommandArgs.String(first, "id") ?? ""));
            case UdeskMethodNames.GetOtherAgents:
                return Success(OtherAgents(phone, CommandArgs.String(first, UdeskData.State)));
            default:
                return CommandReply.NotAvailable(method);
        }
    }

    public IReadOnlyList<VendorEvent> EventsOf(PhoneEvent happened) => UdeskEvents.Of(happened);

    private static NumberSourceType SourceType(JsonElement options) =>
        CommandArgs.Int(options, "type") == (int)NumberSourceType.NumberPool ? NumberSourceType.NumberPool : NumberSourceType.TrunkNumber;

    /// <summary><c>{ list: [{ id, name }], defaultId }</c> (<see cref="UdeskAssumptions"/>: the items' shape).</summary>
    private static JsonObject NumberSources(NumberSourceList sources) => new()
    {
        [UdeskData.List] = new JsonArray(sources.List.Select(s => (JsonNode)new JsonObject
        {
            [UdeskAssumptions.NumberSourceIdField] = s.Id,
            [UdeskAssumptions.NumberSourceNameField] = s.Name,
        }).ToArray()),
        [UdeskData.DefaultId] = sources.DefaultId ?? "",
    };

    /// <summary>The account's other agents, only those in <paramref name="state"/> when it is given.</summary>
    private JsonArray OtherAgents(AgentPhone asking, string? state) =>
        new(roster.Phones
            .Where(p => p != asking && (state is null || AgentStates.ToName(p.State) == state))
            .Select(p => (JsonNode)new JsonObject
            {
                [UdeskData.AgentId] = p.AgentId,
                [UdeskData.AppId] = "",
                [UdeskData.Name] = p.AgentId,
                [UdeskData.Enable] = true,
                [UdeskData.State] = AgentStates.ToName(p.State),
                [UdeskData.WrapUpTime] = 0,
            }).ToArray());

    private static CommandReply Reply(PhoneAnswer answer) =>
        answer.Ok ? Success(null) : new CommandReply(CommandReply.Rejected, Envelope(answer.Code ?? VendorCodes.VendorRejected, answer.Message ?? "", null, answer.Visible));

    private static CommandReply Success(JsonNode? data) => new(CommandReply.Resolved, Envelope(VendorCodes.Success, "", data, visible: false));

    private static JsonObject Envelope(string code, string message, JsonNode? data, bool visible) => new()
    {
        [UdeskFields.Code] = code,
        [UdeskFields.Message] = message,
        [UdeskFields.Data] = data,
        [UdeskFields.Visible] = visible,
    };

    private static JsonElement Arg(JsonElement args, int index) => CommandArgs.At(args, index);
}
