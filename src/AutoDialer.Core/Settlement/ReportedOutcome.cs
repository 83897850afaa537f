using AutoDialer.Core.StoredWords;

namespace AutoDialer.Core.Settlement;

/// <summary>An outcome reported for an attempt: by its events, by its make-call result or by the stale sweeper.</summary>
/// <param name="NotDialled">The provider refused before dialling: the contact gets its attempt back.</param>
/// <param name="OnlyIfLive">Applies only to an attempt that is still live (the stale sweeper's report).</param>
/// <param name="NotDialledDueLater">With <paramref name="NotDialled"/>: due after the delay for failed, not now (our request was refused).</param>
internal sealed record ReportedOutcome(CallOutcome Outcome, bool NotDialled = false, bool OnlyIfLive = false, bool NotDialledDueLater = false);
