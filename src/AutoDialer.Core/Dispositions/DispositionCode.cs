using AutoDialer.Core.StoredWords;

namespace AutoDialer.Core.Dispositions;

/// <summary>One wrap-up code a campaign offers its agents: what the page shows (in Chinese and English) and what it does.</summary>
/// <param name="Code">Its stable name, stored on the attempt: lower-case letters, digits and <c>_</c>, at most 40.</param>
/// <param name="RetryAfter">With <see cref="DispositionEffect.RetryAfter"/>: how long after the disposition the contact is due again.</param>
/// <param name="Complaint">
/// The customer complained about the call: counted in the caller number's health (<see cref="Dispatch.CallerNumberHealthRules"/>),
/// as carriers and phone apps mark numbers people complain about. A mark beside the effect, not an effect of its own: a
/// complaint usually also ends the contact or puts it on the do-not-call list. The default value is false.
/// </param>
internal sealed record DispositionCode(string Code, string LabelZh, string LabelEn, DispositionEffect Effect, TimeSpan? RetryAfter = null, bool Complaint = false);
