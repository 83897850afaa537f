using System.Threading.Channels;
using AutoDialer.Core.Events;
using AutoDialer.Core.StoredWords;
using AutoDialer.Core.Telephony;

namespace AutoDialer.Host.Demo;

/// <summary>
/// <c>demo --witness FILE</c>: the call center behind a recorder that appends each make-call's business id to a file,
/// one per line, before the request is sent — so what was dialled can be checked across processes, even one killed.
/// </summary>
internal sealed class MakeCallWitness(ICallCenter inner, string path) : ICallCenter
{
    private readonly object _gate = new();

    public string AccountId => inner.AccountId;
    public ChannelReader<CallCenterEvent> Events => inner.Events;

    public IAgentSession? FindSession(string agentId) => inner.FindSession(agentId) is { } session ? new Session(this, session) : null;

    public Task<VendorResult<IReadOnlyList<AgentStatus>>> GetOtherAgentsAsync(string? state, CancellationToken cancellationToken) =>
        inner.GetOtherAgentsAsync(state, cancellationToken);

    private void Record(string businessId)
    {
        lock (_gate) File.AppendAllText(path, businessId + "\n");
    }

    private sealed class Session(MakeCallWitness owner, IAgentSession inner) : IAgentSession
    {
        public string AgentId => inner.AgentId;

        public Task<VendorResult<MakeCallAccepted>> MakeCallAsync(MakeCallRequest request, CancellationToken cancellationToken)
        {
            owner.Record(request.BusinessId);
            return inner.MakeCallAsync(request, cancellationToken);
        }

        public Task<VendorResult> HangupAsync(string callId, CancellationToken cancellationToken) => inner.HangupAsync(callId, cancellationToken);
        public Task<VendorResult> SetAgentStateAsync(AgentState state, string? subState, CancellationToken cancellationToken) =>
            inner.SetAgentStateAsync(state, subState, cancellationToken);
        public Task<VendorResult<NumberSourceList>> GetNumberPoolAndSpNumAsync(NumberSourceType type, CancellationToken cancellationToken) =>
            inner.GetNumberPoolAndSpNumAsync(type, cancellationToken);
        public Task<VendorResult> SetSpNumberPoolNumAsync(NumberSourceType type, string id, CancellationToken cancellationToken) =>
            inner.SetSpNumberPoolNumAsync(type, id, cancellationToken);
        public Task<VendorResult<ProviderState>> GetStateAsync(CancellationToken cancellationToken) => inner.GetStateAsync(cancellationToken);
    }
}
