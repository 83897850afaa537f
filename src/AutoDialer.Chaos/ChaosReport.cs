using System.Text.Json;
using System.Text.Json.Nodes;
using AutoDialer.Chaos.Judging;

namespace AutoDialer.Chaos;

/// <summary>
/// The chaos run's figures: the faults it caused (each must be above 0 for the run to count) and the verdict (each
/// violation must be 0). Printed as one flat JSON line with <c>--json</c>, snake_case.
/// </summary>
internal sealed record ChaosReport(ChaosVerdict Verdict, ChaosFaultCounts Faults, long PoisonQuarantined, double Seconds)
{
    /// <summary>Whether the row of a node killed inside Hangfire's scheduling lock was left (a fault that must happen).</summary>
    public bool SchedulingLockLeft { get; init; }

    /// <summary>How long after that the recurring jobs ran again; null when not within <see cref="LeftSchedulingLock.Bound"/>: a violation.</summary>
    public TimeSpan? RecurringJobsResumed { get; init; }

    /// <summary>The longest an operator's call (pause, resume, do-not-call addition, settings change) took; above
    /// <see cref="OperatorCall.StallAfter"/> it is an <c>operator_stalls</c> violation.</summary>
    public TimeSpan OperatorLongest { get; init; }

    /// <summary>The judge's violations, and one more when the recurring jobs did not resume within their bound.</summary>
    public long Violations => Verdict.Violations + (SchedulingLockLeft && RecurringJobsResumed is null ? 1 : 0);

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>Faults that did not happen: a run in which one of them is 0 proves nothing about it. A fault switched off
    /// (null: <c>--freeze</c>, <c>--page-reloads</c>) is not asked for.</summary>
    public IReadOnlyList<string> MissingFaults() =>
        new (string Name, long Count)[]
        {
            ("calls", Verdict.Calls), ("kills", Faults.Kills), ("pg_kills", Faults.PgKills), ("dnc_added", Faults.DncAdded),
            ("sockets_dropped", Faults.SocketsDropped), ("pauses", Faults.Pauses), ("budget_changes", Faults.BudgetChanges),
            ("duplicated", Faults.Duplicated), ("reordered", Faults.Reordered), ("late", Faults.Late), ("poisoned", Faults.Poisoned),
            ("scheduling_lock_left", SchedulingLockLeft ? 1 : 0), ("freezes", Faults.Freezes ?? 1), ("frozen_holding_fence", Faults.FrozenHoldingFence ?? 1), ("campaigns", Faults.Campaigns - 1),
            ("clock_shifted_nodes", Faults.ClockShiftedNodes), ("long_calls", Faults.LongCalls),
            ("long_calls_across_reconnects", Faults.LongCallsAcrossReconnects), ("changes_inside_slow_make_calls", Faults.ChangesInsideSlowMakeCalls), ("page_reloads", Faults.PageReloads ?? 1),
        }.Where(f => f.Count == 0).Select(f => f.Name).ToList();

    /// <summary>One object: <c>calls</c>, the fault counts, the violations, <c>poison_quarantined</c> (reported, not required: a
    /// poisoned copy's NUL is in a field the dialer does not read, so it is cleaned and stored), <c>seconds</c>, <c>violations</c>.</summary>
    public string ToJson()
    {
        var line = new JsonObject { ["calls"] = Verdict.Calls };
        foreach (var part in new[] { JsonSerializer.SerializeToNode(Faults, Json)!.AsObject(), JsonSerializer.SerializeToNode(Verdict, Json)!.AsObject() })
        {
            foreach (var (name, value) in part.Where(p => p.Key is not ("calls" or "examples" or "violations")).ToList())
            {
                line[name] = value?.DeepClone();
            }
        }

        // The callback figures flat, as callbacks_dialled, callbacks_to_do_not_call, …
        if (line["callbacks"] is JsonObject callbacks)
        {
            line.Remove("callbacks");
            foreach (var (name, value) in callbacks.Where(p => p.Key != "violations").ToList())
            {
                line["callbacks_" + name] = value?.DeepClone();
            }
        }

        line["poison_quarantined"] = PoisonQuarantined;
        line["operator_longest_seconds"] = Math.Round(OperatorLongest.TotalSeconds, 1);
        line["recurring_jobs_resumed_seconds"] = RecurringJobsResumed is { } resumed ? Math.Round(resumed.TotalSeconds, 1) : null;
        line["seconds"] = Math.Round(Seconds, 1);
        line["violations"] = Violations;
        return line.ToJsonString();
    }
}
