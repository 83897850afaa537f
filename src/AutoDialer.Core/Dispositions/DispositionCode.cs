using AutoDialer.Core.StoredWords;

namespace AutoDialer.Core.Dispositions;

/// <summary>One wrap-up code a campaign offers its agents: what the page shows (in Chinese and English) and what it does.</summary>
/// <param name="Code">Its stable name, stored on the attempt: lower-case letters, digits and <c>_</c>, at most 40.</param>
/// <param name="RetryAfter">With <see cref="DispositionEffect.RetryAfter"/>: how long after the disposition the contact is due again.</param>
internal sealed record DispositionCode(string Code, string LabelZh, string LabelEn, DispositionEffect Effect, TimeSpan? RetryAfter = null);
