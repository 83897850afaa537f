using System.Net.Http.Json;
using AutoDialer.AspNetCore.Api;
using AutoDialer.Chaos.Judging;

namespace AutoDialer.Chaos;

/// <summary>
/// The campaign manager of the chaos run: acts through a node's API, like a person on the dashboard, and records
/// the moment each action was confirmed, which is what the judge holds the dialer to.
/// </summary>
internal sealed class ChaosOperator(long campaignId, IReadOnlyList<string> agentIds, TimeProvider time)
{
    /// <summary>Tries of one API call while the node answers 503.</summary>
    private const int MaxAttempts = 30;

    private readonly Dictionary<string, DateTimeOffset> _doNotCall = [];
    private readonly List<(DateTimeOffset, int)> _budget = [(DateTimeOffset.MinValue, ChaosCampaign.InitialBudget)];
    private readonly List<(DateTimeOffset, DateTimeOffset)> _pauses = [];
    private DateTimeOffset? _pausedAt;
    private int _maxAttempts = ChaosCampaign.InitialBudget;

    public int DoNotCallAdded => _doNotCall.Count;

    public int Pauses => _pauses.Count + (_pausedAt is null ? 0 : 1);

    public int BudgetChanges => _budget.Count - 1;

    public async Task AddDoNotCallAsync(HttpClient api, IReadOnlyList<string> numbers, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() => api.PostAsJsonAsync("/api/dnc", new DncAddRequest { Numbers = [.. numbers], Source = "chaos" },
            ApiJson.Options, cancellationToken), cancellationToken).ConfigureAwait(false);
        await EnsureAsync(response, "adding numbers to the do-not-call list", cancellationToken).ConfigureAwait(false);
        var confirmed = time.GetUtcNow();
        foreach (var number in numbers)
        {
            _doNotCall.TryAdd(number, confirmed);
        }
    }

    public async Task LowerBudgetAsync(HttpClient api, CancellationToken cancellationToken)
    {
        var lowered = _maxAttempts - 1;
        using var response = await SendAsync(() => api.PutAsJsonAsync($"/api/campaigns/{campaignId}/settings", ChaosCampaign.Settings(agentIds, lowered),
            ApiJson.Options, cancellationToken), cancellationToken).ConfigureAwait(false);
        await EnsureAsync(response, "lowering MaxAttempts", cancellationToken).ConfigureAwait(false);
        _maxAttempts = lowered;
        _budget.Add((time.GetUtcNow(), lowered));
    }

    public async Task PauseAsync(HttpClient api, CancellationToken cancellationToken)
    {
        await TransitionAsync(api, "pause", cancellationToken).ConfigureAwait(false);
        _pausedAt = time.GetUtcNow();
    }

    public async Task ResumeAsync(HttpClient api, CancellationToken cancellationToken)
    {
        // The pause ends when the resume is asked for: a dial after that is allowed.
        var requested = time.GetUtcNow();
        await TransitionAsync(api, "resume", cancellationToken).ConfigureAwait(false);
        _pauses.Add((_pausedAt ?? throw new InvalidOperationException("not paused"), requested));
        _pausedAt = null;
    }

    /// <summary>The actions so far; a pause not resumed lasts to the end.</summary>
    public OperatorActions Actions() => new()
    {
        DoNotCallAdded = new Dictionary<string, DateTimeOffset>(_doNotCall),
        Budget = [.. _budget],
        Pauses = _pausedAt is { } from ? [.. _pauses, (from, DateTimeOffset.MaxValue)] : [.. _pauses],
    };

    private async Task TransitionAsync(HttpClient api, string command, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() => api.PostAsync($"/api/campaigns/{campaignId}/{command}", content: null, cancellationToken),
            cancellationToken).ConfigureAwait(false);
        await EnsureAsync(response, command, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends, and again while the node answers 503 (its database is away), after the Retry-After it names —
    /// as any client of the API should. Bounded: a database that stays away fails the run.</summary>
    private async Task<HttpResponseMessage> SendAsync(Func<Task<HttpResponseMessage>> send, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var response = await send().ConfigureAwait(false);
            if (response.StatusCode != System.Net.HttpStatusCode.ServiceUnavailable || attempt == MaxAttempts)
            {
                return response;
            }

            var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1);
            response.Dispose();
            await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task EnsureAsync(HttpResponseMessage response, string action, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException(
                $"{action} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)}");
        }
    }
}
