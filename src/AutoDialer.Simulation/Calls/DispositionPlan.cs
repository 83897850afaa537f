using AutoDialer.Core.StoredWords;

namespace AutoDialer.Simulation.Calls;

/// <summary>What a simulated agent records after a call: a code of <paramref name="Effect"/>, <paramref name="TypingTime"/> after the hang-up.</summary>
/// <param name="CallbackAfter">With a callback: how long after the disposition to call back.</param>
/// <param name="ForeignOffset">When set, the page then also tries a disposition for the call this many ids before its own (refused unless it is its agent's).</param>
internal sealed record DispositionPlan(DispositionEffect Effect, TimeSpan TypingTime, TimeSpan? CallbackAfter, int? ForeignOffset, string Note);
