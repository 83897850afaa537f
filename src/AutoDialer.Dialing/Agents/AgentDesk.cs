using AutoDialer.Core.Agents;
using AutoDialer.Core.Dispositions;
using AutoDialer.Dialing.Settlement;
using AutoDialer.PostgreSql.Callbacks;
using Microsoft.Extensions.Logging;

namespace AutoDialer.Dialing.Agents;

/// <summary>
/// Serves what agents' workbenches ask about their own calls (<see cref="IAgentDesk"/>): a disposition goes through
/// settlement (<see cref="AttemptSettler.RecordDispositionAsync"/>), which checks that the call is the agent's; the agent's
/// upcoming callbacks are read from the contacts. A recorded disposition ends the agent's wrap-up wait:
/// <see cref="WrapUpEnded"/> tells the engine, which dispatches for the agent at once.
/// </summary>
internal sealed class AgentDesk(AttemptSettler settler, CallbackBoard callbacks, TimeProvider time, ILogger<AgentDesk> logger) : IAgentDesk
{
    /// <summary>How many callbacks a page is sent.</summary>
    public const int CallbacksShown = 50;

    private long _recorded;
    private long _refused;

    /// <summary>Raised with (account, agent) after a disposition was recorded: the agent may be free for its next call.</summary>
    public event Action<string, string>? WrapUpEnded;

    /// <summary>Dispositions recorded by this node since it started.</summary>
    public long Recorded => Interlocked.Read(ref _recorded);

    /// <summary>Dispositions refused by this node since it started (another agent's call, too late, …).</summary>
    public long Refused => Interlocked.Read(ref _refused);

    public async Task<DispositionAnswer> RecordDispositionAsync(string providerAccount, string agentId, DispositionRequest request, CancellationToken cancellationToken)
    {
        var (answer, attempt) = await settler.RecordDispositionAsync(providerAccount, agentId, request, time.GetUtcNow(), cancellationToken);
        if (!answer.Accepted)
        {
            Interlocked.Increment(ref _refused);
            // Another agent's call is worth a warning: a page should never ask for one.
            if (answer.Refusal == DispositionRefusal.NotYourAttempt)
                logger.LogWarning("Agent {AgentId} of {Account} asked to dispose of attempt {AttemptId} of agent {Owner}; refused",
                    agentId, providerAccount, request.AttemptId, attempt?.AgentId);
            else
                logger.LogInformation("Disposition {Code} of agent {AgentId} for attempt {AttemptId} refused: {Reason}",
                    request.Code, agentId, request.AttemptId, answer.Refusal?.ToName());
            return answer;
        }

        Interlocked.Increment(ref _recorded);
        WrapUpEnded?.Invoke(providerAccount, agentId);
        return answer;
    }

    public Task<IReadOnlyList<CallbackEntry>> CallbacksAsync(string providerAccount, string agentId, CancellationToken cancellationToken) =>
        callbacks.ListAsync(null, agentId, providerAccount, CallbacksShown, time.GetUtcNow(), cancellationToken);
}
