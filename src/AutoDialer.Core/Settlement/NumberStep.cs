namespace AutoDialer.Core.Settlement;

/// <summary>What an attempt's outcome does to its contact's numbers (<see cref="NextNumberRule"/>).</summary>
/// <param name="Failures">Failed attempts on the current number now (when <paramref name="MovesOn"/>, the next number starts at 0).</param>
/// <param name="MovesOn">The contact's current number is given up: it moves on to its next number not on the do-not-call list.</param>
/// <param name="Contact">The contact's change, which replaces the one the retry policy decided.</param>
internal sealed record NumberStep(int Failures, bool MovesOn, ContactChange Contact);
