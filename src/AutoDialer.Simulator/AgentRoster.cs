namespace AutoDialer.Simulator;

/// <summary>Every phone of the run, for methods that list the account's agents (Udesk <c>GetOtherAgentsAsync</c>).</summary>
internal sealed class AgentRoster
{
    private readonly List<SimulatedPhone> _phones = [];

    public IReadOnlyList<SimulatedPhone> Phones => _phones;

    public void Add(SimulatedPhone phone) => _phones.Add(phone);
}
