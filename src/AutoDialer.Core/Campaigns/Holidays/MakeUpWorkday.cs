namespace AutoDialer.Core.Campaigns.Holidays;

/// <summary>A make-up working day (调休上班): a Saturday or Sunday that the notice of <paramref name="NoticeYear"/> makes a working day.</summary>
/// <param name="For">The holiday it makes up for, by its <see cref="Holiday.NameZh"/> in the same notice.</param>
internal sealed record MakeUpWorkday(DateOnly Date, string For, int NoticeYear);
