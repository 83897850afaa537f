using AutoDialer.Simulation.Calls;
namespace AutoDialer.Simulation.Pages;

/// <summary>Every phone of the run, for methods that list the account's agents (Udesk <c>GetOtherAgentsAsync</c>).</summary>
internal sealed class AgentRoster
{
    private readonly List<AgentPhone> _phones = [];

    public IReadOnlyList<AgentPhone> Phones => _phones;

    public void Add(AgentPhone phone) => _phones.Add(phone);
}
