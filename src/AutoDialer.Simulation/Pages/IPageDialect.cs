using System.Text.Json;
using AutoDialer.Simulation.Calls;
using AutoDialer.Simulation.Vendors;

namespace AutoDialer.Simulation.Pages;

/// <summary>One vendor SDK as a workbench page has it: the methods the bridge may call and the events it forwards.</summary>
internal interface IPageDialect
{
    /// <summary>The <c>provider</c> of the hello.</summary>
    string Provider { get; }

    /// <summary>Runs a command's method on the phone and answers as the script would.</summary>
    CommandReply Execute(string method, JsonElement args, AgentPhone phone);

    /// <summary>The business id a make-call command's arguments carry (Udesk <c>BizId</c>, Meiqia <c>userData</c>).</summary>
    string? BusinessIdOf(JsonElement args);

    /// <summary>The documented events the SDK emits for what happened on the phone (none, one or several).</summary>
    IReadOnlyList<VendorEvent> EventsOf(PhoneEvent happened);
}
