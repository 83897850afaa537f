using AutoDialer.Core.Dispositions;

namespace AutoDialer.AspNetCore.Api;

/// <summary>A campaign's dispositions for its page: each code with its counts (<see cref="DispositionTally"/>).</summary>
/// <param name="Day">The campaign's today, in <paramref name="TimeZone"/>, on the dialer's clock: the day the <c>today</c> counts are of.</param>
internal sealed record DispositionSummaryView(DateOnly Day, string TimeZone, IReadOnlyList<DispositionCount> Codes);
