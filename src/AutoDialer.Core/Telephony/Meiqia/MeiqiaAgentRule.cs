using System.Text.Json;
using AutoDialer.Core.Events;

namespace AutoDialer.Core.Telephony.Meiqia;

/// <summary>
/// Reads Meiqia's <c>getAgentRule</c> data (<c>AgentRuleType</c>: <c>default_rule</c>, <c>agent_numbers</c>
/// { default_number, numbers }, <c>agent_groups</c> [{ id, name, numbers, is_default }]) as the port's number
/// sources: manual numbers as trunk numbers, dynamic groups as pools (<see cref="MeiqiaAssumptions"/>).
/// </summary>
internal static class MeiqiaAgentRule
{
    public const string DefaultRule = "default_rule";
    public const string AgentNumbers = "agent_numbers";
    public const string DefaultNumber = "default_number";
    public const string Numbers = "numbers";
    public const string AgentGroups = "agent_groups";
    public const string Id = "id";
    public const string Name = "name";
    public const string IsDefault = "is_default";

    /// <summary>The sources of <paramref name="type"/>; the selected one is named only when the agent's
    /// <c>default_rule</c> is of that type.</summary>
    public static NumberSourceList Read(JsonElement rule, NumberSourceType type)
    {
        var selectedType = MeiqiaOutboundRule.ToNumberSourceType(EventData.Int(rule, DefaultRule));
        if (type == NumberSourceType.TrunkNumber)
        {
            var manual = EventData.Object(rule, AgentNumbers);
            var numbers = Strings(manual, Numbers);
            var selected = selectedType == type ? EventData.NonEmpty(EventData.String(manual, DefaultNumber)) : null;
            return new NumberSourceList(numbers.Select(NumberSource.Trunk).ToArray(), selected);
        }

        var groups = new List<NumberSource>();
        string? defaultGroup = null;
        if (rule.ValueKind == JsonValueKind.Object
            && rule.TryGetProperty(AgentGroups, out var items)
            && items.ValueKind == JsonValueKind.Array)
        {
            foreach (var group in items.EnumerateArray())
            {
                if (EventData.NonEmpty(EventData.String(group, Id)) is not { } id)
                {
                    continue;
                }

                groups.Add(NumberSource.Pool(id, EventData.String(group, Name) ?? id, Strings(group, Numbers)));
                if (EventData.Int(group, IsDefault) == 1)
                {
                    defaultGroup ??= id;
                }
            }
        }

        return new NumberSourceList(groups, selectedType == type ? defaultGroup : null);
    }

    private static string[] Strings(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var array) && array.ValueKind == JsonValueKind.Array
            ? array.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToArray()
            : [];
}
