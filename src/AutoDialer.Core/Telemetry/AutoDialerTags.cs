namespace AutoDialer.Core.Telemetry;

/// <summary>
/// The tags AutoDialer's measurements and spans carry. Each has few values (accounts, campaigns, nodes, stored words):
/// never an agent, a contact or a phone number, which would make a series per person.
/// </summary>
internal static class AutoDialerTags
{
    /// <summary>The provider account (a Udesk app, a Meiqia enterprise).</summary>
    public const string Account = "autodialer.account";

    /// <summary>The campaign's id.</summary>
    public const string Campaign = "autodialer.campaign";

    /// <summary>The node (<c>AutoDialer:Dialing:Node</c>) whose view a gauge is.</summary>
    public const string Node = "autodialer.node";

    /// <summary>Why the dial gate refused (<c>DialRefusals</c>' stored names).</summary>
    public const string Reason = "autodialer.reason";

    /// <summary>What became of a request or an event (<c>accepted</c>, a failure kind, <c>acknowledged</c>, …).</summary>
    public const string Result = "autodialer.result";

    /// <summary>A call's outcome (<c>CallOutcomes</c>' stored names).</summary>
    public const string Outcome = "autodialer.outcome";

    /// <summary>An agent's state (<c>AgentStates</c>' stored names), or a circuit breaker's (<c>closed</c>, <c>open</c>, <c>half_open</c>, <c>isolated</c>).</summary>
    public const string State = "autodialer.state";

    /// <summary>Which of a provider account's circuit breakers: <c>make_call</c> or <c>reads</c>.</summary>
    public const string Circuit = "autodialer.circuit";

    /// <summary>A caller number's id in its campaign's settings (the id, never the number).</summary>
    public const string CallerNumber = "autodialer.caller_number_id";

    /// <summary>A Hangfire job's method, <c>Type.Method</c>.</summary>
    public const string Job = "autodialer.job";

    /// <summary>On spans only: the attempt (the business id) that links dispatch, make-call, events and settlement of one call.</summary>
    public const string Attempt = "autodialer.attempt_id";

    /// <summary>On spans of a batch only: the attempts it handled (an array), so each links to its call's other spans.</summary>
    public const string Attempts = "autodialer.attempt_ids";
}
