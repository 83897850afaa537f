using System.Text.Json;
using AutoDialer.Core.Events;

namespace AutoDialer.Core.Telephony.Udesk;

/// <summary>
/// Reads the <c>Data</c> of Udesk method results into the port's types, leniently (a missing or odd field
/// reads as empty), since they arrive from a page we do not control.
/// </summary>
internal static class UdeskData
{
    public const string List = "list";
    public const string DefaultId = "defaultId";
    public const string AgentId = "AgentId";
    public const string AppId = "AppId";
    public const string Name = "Name";
    public const string Enable = "Enable";
    public const string State = "State";
    public const string WrapUpTime = "WrapUpTime";
    public const string CurSubStateId = "CurSubStateId";

    /// <summary><c>GetNumberPoolAndSpNumAsync</c>: <c>{ list, defaultId }</c>. A list item may be a bare number
    /// (as <c>GetSpNumbersAsync</c> returns trunk numbers) or an object (<see cref="UdeskAssumptions"/>).</summary>
    public static NumberSourceList NumberSources(NumberSourceType type, JsonElement data)
    {
        var sources = new List<NumberSource>();
        if (data.ValueKind == JsonValueKind.Object && data.TryGetProperty(List, out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in list.EnumerateArray())
            {
                if (item.ValueKind is JsonValueKind.String or JsonValueKind.Number)
                {
                    var value = item.ValueKind == JsonValueKind.String ? item.GetString()! : item.GetRawText();
                    sources.Add(new NumberSource(type, value, value, [value]));
                    continue;
                }

                if (EventData.NonEmpty(EventData.String(item, UdeskAssumptions.NumberSourceIdField)) is not { } id)
                {
                    continue;
                }

                var name = EventData.String(item, UdeskAssumptions.NumberSourceNameField) ?? id;
                sources.Add(new NumberSource(type, id, name, type == NumberSourceType.TrunkNumber ? [name] : []));
            }
        }

        return new NumberSourceList(sources, EventData.NonEmpty(EventData.String(data, DefaultId)));
    }

    /// <summary><c>GetOtherAgentsAsync</c>: an array of <c>{ AgentId, AppId, Name, Enable, State, WrapUpTime, … }</c>.</summary>
    public static IReadOnlyList<AgentStatus> Agents(JsonElement data)
    {
        if (data.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        var agents = new List<AgentStatus>();
        foreach (var item in data.EnumerateArray())
        {
            if (EventData.NonEmpty(EventData.String(item, AgentId)) is not { } agentId)
            {
                continue;
            }

            agents.Add(new AgentStatus(
                agentId,
                EventData.String(item, AppId) ?? "",
                EventData.String(item, Name),
                EventData.String(item, Enable) != "false",
                EventData.String(item, State),
                EventData.Int(item, WrapUpTime) ?? 0));
        }

        return agents;
    }

    /// <summary>The state a <c>GetState</c> event reports (its whole envelope as received).</summary>
    public static ProviderState? ProviderStateOfEvent(JsonElement payload) => ProviderState(EventData.Of(payload));

    /// <summary>The Data of a <c>GetState</c> event.</summary>
    public static ProviderState? ProviderState(JsonElement data)
    {
        if (EventData.String(data, UdeskFields.CurState) is not { } state)
        {
            return null;
        }

        return new ProviderState(
            state,
            EventData.String(data, CurSubStateId),
            EventData.String(data, UdeskFields.CurExtState),
            EventData.String(data, UdeskFields.CurMode),
            EventData.String(data, UdeskFields.CallId),
            EventData.String(data, UdeskFields.CallDirection),
            EventData.String(data, UdeskFields.DestNumber),
            EventData.String(data, UdeskFields.SpNumber),
            EventData.String(data, UdeskFields.StartTime),
            EventData.String(data, UdeskFields.UserData));
    }
}
