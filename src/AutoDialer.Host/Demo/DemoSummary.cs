using System.Text.Json.Serialization;

namespace AutoDialer.Host.Demo;

/// <summary>
/// What the demo prints last: with --json, this object is the last line of standard output. <see cref="Dispositions"/>
/// are the simulated agents' (by code, accepted by the dialer in this run), <see cref="DispositionsStored"/> the
/// database's (the campaign's attempts by their code).
/// </summary>
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
    [property: JsonPropertyName("finished")] bool Finished,
    [property: JsonPropertyName("screen_pops")] long ScreenPops,
    [property: JsonPropertyName("dispositions")] IReadOnlyDictionary<string, long> Dispositions,
    [property: JsonPropertyName("dispositions_stored")] IReadOnlyDictionary<string, long> DispositionsStored,
    [property: JsonPropertyName("dispositions_not_stored")] long DispositionsNotStored,
    [property: JsonPropertyName("dispositions_not_audited")] long DispositionsNotAudited,
    [property: JsonPropertyName("dispositions_refused")] long DispositionsRefused,
    [property: JsonPropertyName("callbacks")] DemoCallbacks Callbacks)
{
    /// <summary>Every disposition the simulated agents were told was recorded is on its attempt and on the audit trail.</summary>
    [JsonIgnore]
    public bool DispositionsKept => DispositionsNotStored == 0 && DispositionsNotAudited == 0;
}
