using AutoDialer.Core.Agents;
using AutoDialer.Core.Privacy;
using AutoDialer.Core.StoredWords;
using AutoDialer.PostgreSql.Agents;
using Microsoft.Extensions.DependencyInjection;

namespace AutoDialer.AspNetCore.Api;

/// <summary>
/// The agents board: every agent that is live in the engine, assigned to a campaign, or called today, with its live
/// state (from <see cref="IAgentStates"/> when an engine runs in this process) and its day from the attempts.
/// </summary>
internal sealed class AgentBoard(AgentActivity activity, TimeProvider clock, IServiceProvider services)
{
    public async Task<IReadOnlyList<AgentView>> ListAsync(TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var localMidnight = TimeZoneInfo.ConvertTime(now, zone).Date;
        var dayStart = new DateTimeOffset(localMidnight, zone.GetUtcOffset(localMidnight));

        var live = services.GetService<IAgentStates>()?.Snapshot() ?? [];
        var days = await activity.SinceAsync(dayStart, cancellationToken);
        var dispositions = (await activity.DispositionsSinceAsync(dayStart, cancellationToken))
            .ToLookup(d => (d.ProviderAccount, d.AgentId));
        var assignments = await activity.AssignmentsAsync(cancellationToken);

        var keys = live.Select(a => (a.ProviderAccount, a.AgentId))
            .Concat(assignments.Select(a => (a.ProviderAccount, a.AgentId)))
            .Concat(days.Select(d => (d.ProviderAccount, d.AgentId)))
            .Distinct()
            .OrderBy(k => k.ProviderAccount, StringComparer.Ordinal).ThenBy(k => k.AgentId, StringComparer.Ordinal);

        var views = new List<AgentView>();
        foreach (var (account, agentId) in keys)
        {
            var state = live.FirstOrDefault(a => a.ProviderAccount == account && a.AgentId == agentId);
            var day = days.FirstOrDefault(d => d.ProviderAccount == account && d.AgentId == agentId);
            var campaigns = assignments.Where(a => a.ProviderAccount == account && a.AgentId == agentId)
                .Select(a => a.CampaignName).ToList();
            double? utilisation = null;
            if (day is not null)
            {
                var span = (now - new DateTimeOffset(DateTime.SpecifyKind(day.FirstCallAt, DateTimeKind.Utc))).TotalSeconds;
                utilisation = span > 0 ? Math.Round(Math.Clamp(day.TalkSeconds / span, 0, 1), 3) : null;
            }
            views.Add(new AgentView(account, agentId,
                state is null || state.State == AgentState.Unknown ? AgentStates.Unknown : state.State.ToName(), state?.SubState, state?.Since,
                state?.CurrentAttemptId,
                // The board is seen over shoulders and on wall screens: the number in progress is shown masked.
                state?.CurrentPhone is { } phone ? PhoneMask.Mask(phone) : null,
                campaigns, day?.Calls ?? 0, day?.Answered ?? 0, day?.TalkSeconds ?? 0, utilisation,
                dispositions[(account, agentId)].ToDictionary(d => d.Code, d => d.Attempts, StringComparer.Ordinal)));
        }
        return views;
    }
}
