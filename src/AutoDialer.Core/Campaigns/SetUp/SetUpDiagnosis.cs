using AutoDialer.Core.Campaigns.Holidays;
using AutoDialer.Core.Dispatch;
using AutoDialer.Core.Telephony;

namespace AutoDialer.Core.Campaigns.SetUp;

/// <summary>
/// "Why isn't it dialling?" for the campaign as a whole: the set-up faults that hold every contact back (no agents, an
/// account no node serves, no page connected, every agent busy or not ready, no caller numbers for a rotation that
/// chooses among them) and the schedule's answer now (outside the window, a blackout, a holiday, with the next opening),
/// and a holiday calendar about to run out of data. The per-contact reasons are <see cref="DialDiagnosis"/>'s.
/// </summary>
internal static class SetUpDiagnosis
{
    /// <summary>Reason word for a page that has not said yet whether its agent can take a call.</summary>
    public const string NotReported = "not-reported";

    /// <summary>How far back the make-calls that say the vendor refuses every call are read.</summary>
    public static readonly TimeSpan MakeCallWindow = TimeSpan.FromMinutes(15);

    /// <summary>How many refusals with no call placed make <see cref="SetUpFaultCodes.MakeCallsFailing"/>: one or two can be chance.</summary>
    public const int MakeCallFailureFloor = 3;

    public static IReadOnlyList<SetUpFault> Find(SetUpFacts facts)
    {
        var settings = facts.Settings;
        var faults = new List<SetUpFault>();
        if (settings.AgentIds.Count == 0)
            faults.Add(new SetUpFault(SetUpFaultCodes.NoAgentsAssigned, SettingsSections.Agents));

        if (facts.Account is null)
        {
            faults.Add(new SetUpFault(SetUpFaultCodes.ProviderAccountNotConfigured, SettingsSections.Provider) { ProviderAccount = settings.ProviderAccount });
        }
        else
        {
            if (facts.Account.CircuitOpen)
            {
                faults.Add(new SetUpFault(SetUpFaultCodes.ProviderCircuitOpen, SettingsSections.Provider)
                {
                    ProviderAccount = settings.ProviderAccount, Reason = facts.Account.CircuitReason,
                });
            }

            if (facts.Account.Bridge && settings.AgentIds.Count > 0)
                AddAgentFaults(faults, settings.AgentIds, facts.Agents);
            if (facts.RecentMakeCalls is { } makeCalls)
                AddMakeCallFault(faults, makeCalls);
        }

        if (settings.Rotation.Kind != RotationKind.RoundRobin && settings.CallerNumbers.Count == 0)
        {
            faults.Add(new SetUpFault(SetUpFaultCodes.NoCallerNumbers, SettingsSections.CallerNumbers)
            {
                Rotation = settings.Rotation.Kind == RotationKind.LeastUsed ? "least_used" : "local_presence",
            });
        }

        AddScheduleFaults(faults, settings.Schedule, facts.Now);
        return faults;
    }

    private static void AddAgentFaults(List<SetUpFault> faults, IReadOnlyList<string> assigned, IReadOnlyList<AgentFacts> pages)
    {
        var connected = pages.Where(p => assigned.Contains(p.AgentId, StringComparer.Ordinal)).ToList();
        if (connected.Count == 0)
        {
            faults.Add(new SetUpFault(SetUpFaultCodes.NoAgentConnected, SettingsSections.Agents) { Assigned = assigned.Count, Connected = 0 });
            return;
        }

        if (connected.Any(p => p.UnavailableReason == ""))
            return;
        faults.Add(new SetUpFault(SetUpFaultCodes.AgentsNotReady, SettingsSections.Agents)
        {
            Assigned = assigned.Count,
            Connected = connected.Count,
            NotReady = connected.GroupBy(p => p.UnavailableReason ?? NotReported, StringComparer.Ordinal)
                .OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal),
        });
    }

    /// <summary>
    /// The vendor refused every make-call it was asked, with codes that no retry fixes: a refusal for a busy agent, a
    /// make-call never asked (an open circuit, a passed deadline) or one that timed out (the breaker's business) says
    /// nothing about the set-up.
    /// </summary>
    private static void AddMakeCallFault(List<SetUpFault> faults, MakeCallFacts makeCalls)
    {
        if (makeCalls.Placed > 0)
            return;
        var refused = makeCalls.FailedByCode
            .Where(f => MakeCallFailures.Classify(VendorResult.Failure(f.Key, "")) is not (MakeCallFailureKind.AgentRefused or MakeCallFailureKind.NotAsked or MakeCallFailureKind.MayHaveRung))
            .OrderBy(f => f.Key, StringComparer.Ordinal)
            .ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal);
        if (refused.Values.Sum() < MakeCallFailureFloor)
            return;
        faults.Add(new SetUpFault(SetUpFaultCodes.MakeCallsFailing, SettingsSections.Provider) { FailedByCode = refused });
    }

    private static void AddScheduleFaults(List<SetUpFault> faults, CallingSchedule schedule, DateTimeOffset now)
    {
        if (!TimeZones.TryFind(schedule.TimeZoneId, out var zone))
            return;
        if (!schedule.IsOpen(now))
        {
            var next = schedule.NextOpening(now);
            if (schedule.IsBlackout(now))
            {
                faults.Add(new SetUpFault(SetUpFaultCodes.Blackout, SettingsSections.Blackout) { NextOpening = next });
            }
            else if (schedule.HolidayOn(now) is { } holiday)
            {
                faults.Add(new SetUpFault(SetUpFaultCodes.Holiday, SettingsSections.Holidays)
                {
                    NextOpening = next, HolidayNameZh = holiday.NameZh, HolidayNameEn = holiday.NameEn, Calendar = schedule.Calendar!.Id,
                    CoveredUntil = schedule.Calendar.CoveredUntil,
                });
            }
            else
            {
                faults.Add(new SetUpFault(SetUpFaultCodes.OutsideWindow, SettingsSections.Windows) { NextOpening = next });
            }
        }

        if (schedule.Calendar is { } calendar)
        {
            var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
            var code = calendar.CoverageOn(today) switch
            {
                CalendarCoverage.EndsSoon => SetUpFaultCodes.HolidayCalendarEnding,
                CalendarCoverage.Ended => SetUpFaultCodes.HolidayCalendarEnded,
                _ => null,
            };
            if (code is not null)
                faults.Add(new SetUpFault(code, SettingsSections.Holidays) { Calendar = calendar.Id, CoveredUntil = calendar.CoveredUntil });
        }
    }
}
