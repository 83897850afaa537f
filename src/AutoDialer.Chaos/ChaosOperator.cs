using System.Diagnostics;
using System.Net.Http.Json;
using AutoDialer.AspNetCore.Api;
using AutoDialer.Chaos.Judging;

namespace AutoDialer.Chaos;

/// <summary>
/// The campaign manager of the chaos run: acts through a node's API, like a person on the dashboard, and records
/// the moment each action was confirmed, which is what the judge holds the dialer to, and how long each call took
/// (<c>operator_stalls</c>). A call that fails is recorded, not thrown: the run goes on, the change it asked for is
/// not held against the dialer, and the failure is a violation.
/// </summary>
internal sealed class ChaosOperator(IReadOnlyList<long> campaignIds, IReadOnlyList<string> agentIds, TimeProvider time)
{
    /// <summary>Tries of one API call while the node answers 503.</summary>
    private const int MaxAttempts = 30;

    private readonly Dictionary<string, DateTimeOffset> _doNotCall = [];
    private readonly Dictionary<long, List<(DateTimeOffset, int)>> _budget =
        campaignIds.ToDictionary(id => id, _ => new List<(DateTimeOffset, int)> { (DateTimeOffset.MinValue, ChaosCampaign.InitialBudget) });
    private readonly Dictionary<long, List<(DateTimeOffset, DateTimeOffset)>> _pauses = campaignIds.ToDictionary(id => id, _ => new List<(DateTimeOffset, DateTimeOffset)>());
    private readonly Dictionary<long, DateTimeOffset> _pausedAt = [];
    private readonly List<OperatorCall> _calls = [];
    private int _maxAttempts = ChaosCampaign.InitialBudget;

    /// <summary>The campaign the operator changes (the others only stop at the end).</summary>
    private long Main => campaignIds[0];

    public int DoNotCallAdded => _doNotCall.Count;

    public int Pauses => _pauses[Main].Count + (_pausedAt.ContainsKey(Main) ? 1 : 0);

    public int BudgetChanges => _budget[Main].Count - 1;

    public async Task AddDoNotCallAsync(HttpClient api, IReadOnlyList<string> numbers, CancellationToken cancellationToken)
    {
        if (await CallAsync("adding numbers to the do-not-call list", () => api.PostAsJsonAsync("/api/dnc",
                new DncAddRequest { Numbers = [.. numbers], Source = "chaos" }, ApiJson.Options, cancellationToken), cancellationToken).ConfigureAwait(false))
        {
            var confirmed = time.GetUtcNow();
            foreach (var number in numbers)
            {
                _doNotCall.TryAdd(number, confirmed);
            }
        }
    }

    public async Task LowerBudgetAsync(HttpClient api, CancellationToken cancellationToken)
    {
        var lowered = _maxAttempts - 1;
        if (await CallAsync("lowering MaxAttempts", () => api.PutAsJsonAsync($"/api/campaigns/{Main}/settings", ChaosCampaign.Settings(agentIds, lowered),
                ApiJson.Options, cancellationToken), cancellationToken).ConfigureAwait(false))
        {
            _maxAttempts = lowered;
            _budget[Main].Add((time.GetUtcNow(), lowered));
        }
    }

    /// <summary>Pauses the main campaign, or every campaign with <paramref name="all"/> (the end of dialing).</summary>
    public async Task PauseAsync(HttpClient api, CancellationToken cancellationToken, bool all = false)
    {
        foreach (var campaignId in all ? campaignIds : [Main])
        {
            if (!_pausedAt.ContainsKey(campaignId) && await TransitionAsync(api, campaignId, "pause", cancellationToken).ConfigureAwait(false))
            {
                _pausedAt[campaignId] = time.GetUtcNow();
            }
        }
    }

    public async Task ResumeAsync(HttpClient api, CancellationToken cancellationToken)
    {
        // The pause ends when the resume is asked for: a dial after that is allowed. A failed resume leaves it paused.
        var requested = time.GetUtcNow();
        if (_pausedAt.TryGetValue(Main, out var from) && await TransitionAsync(api, Main, "resume", cancellationToken).ConfigureAwait(false))
        {
            _pauses[Main].Add((from, requested));
            _pausedAt.Remove(Main);
        }
    }

    /// <summary>The actions so far; a pause not resumed lasts to the end.</summary>
    public OperatorActions Actions() => new()
    {
        DoNotCallAdded = new Dictionary<string, DateTimeOffset>(_doNotCall),
        Campaigns = campaignIds.ToDictionary(id => id, id => new CampaignActions
        {
            Budget = [.. _budget[id]],
            Pauses = _pausedAt.TryGetValue(id, out var from) ? [.. _pauses[id], (from, DateTimeOffset.MaxValue)] : [.. _pauses[id]],
        }),
        Caps = ChaosCampaign.Settings(agentIds).FrequencyCaps!,
        Calls = [.. _calls],
    };

    private Task<bool> TransitionAsync(HttpClient api, long campaignId, string command, CancellationToken cancellationToken) =>
        CallAsync($"{command} campaign {campaignId}", () => api.PostAsync($"/api/campaigns/{campaignId}/{command}", content: null, cancellationToken), cancellationToken);

    /// <summary>Sends, and again while the node answers 503 (its database is away), after the Retry-After it names —
    /// as any client of the API should; records how long it took and whether it failed.</summary>
    private async Task<bool> CallAsync(string action, Func<Task<HttpResponseMessage>> send, CancellationToken cancellationToken)
    {
        var at = time.GetUtcNow();
        var clock = Stopwatch.StartNew();
        string? failure = null;
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                using var response = await send().ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    break;
                }

                if (response.StatusCode != System.Net.HttpStatusCode.ServiceUnavailable || attempt == MaxAttempts)
                {
                    failure = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)}";
                    break;
                }

                await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1), time, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            failure = $"{e.GetType().Name}: {e.Message}";
        }

        _calls.Add(new OperatorCall(action, at, clock.Elapsed, failure));
        return failure is null;
    }
}
