using AutoDialer.Core.StoredWords;

namespace AutoDialer.Core.Dispositions;

/// <summary>How many calls got one disposition code, on the campaign's today and since it began.</summary>
/// <param name="LabelZh">The code's Chinese label in the campaign's settings; null for a code recorded before the campaign dropped it.</param>
/// <param name="LabelEn">The code's English label, or null as <paramref name="LabelZh"/>.</param>
/// <param name="Effect">What the code does, as the campaign defines it now; null for a code it no longer has.</param>
/// <param name="Today">Calls made on the campaign's today (in its time zone) that carry this code.</param>
/// <param name="Total">Calls of the whole campaign that carry this code (the last one recorded of each call).</param>
internal sealed record DispositionCount(string Code, string? LabelZh, string? LabelEn, DispositionEffect? Effect, long Today, long Total);
