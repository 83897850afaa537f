namespace AutoDialer.Core.Campaigns.Holidays;

/// <summary>One break of a holiday notice: every date from <see cref="From"/> to <see cref="To"/>, both included, is a day off.</summary>
/// <param name="NameZh">The notice's own name for it, e.g. <c>春节</c>, <c>国庆节、中秋节</c>.</param>
/// <param name="NameEn">The same in English.</param>
/// <param name="NoticeYear">The year of the notice that set it (its key in the file), which need not be the year of every date.</param>
internal sealed record Holiday(string NameZh, string NameEn, DateOnly From, DateOnly To, int NoticeYear)
{
    public bool Contains(DateOnly date) => date >= From && date <= To;
}
