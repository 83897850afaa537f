using System.Text.Json.Serialization;

namespace AutoDialer.Host.Demo;

/// <summary>What the demo prints last: with --json, this object is the last line of standard output.</summary>
internal sealed record DemoSummary(
    [property: JsonPropertyName("campaign")] string Campaign,
    [property: JsonPropertyName("contacts")] long Contacts,
    [property: JsonPropertyName("rows_rejected")] long RowsRejected,
    [property: JsonPropertyName("attempts")] long Attempts,
    [property: JsonPropertyName("outcomes")] IReadOnlyDictionary<string, long> Outcomes,
    [property: JsonPropertyName("contacts_final")] long ContactsFinal,
    [property: JsonPropertyName("contacts_pending")] long ContactsPending,
    [property: JsonPropertyName("attempt_budget")] int AttemptBudget,
    [property: JsonPropertyName("max_attempts_per_contact")] int MaxAttemptsPerContact,
    [property: JsonPropertyName("duplicate_dials")] int DuplicateDials,
    [property: JsonPropertyName("agents")] int Agents,
    [property: JsonPropertyName("agent_utilization")] double AgentUtilization,
    [property: JsonPropertyName("speed")] double Speed,
    [property: JsonPropertyName("wall_seconds")] double WallSeconds,
    [property: JsonPropertyName("sim_seconds")] double SimSeconds,
    [property: JsonPropertyName("finished")] bool Finished);
