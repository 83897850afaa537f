using System.Text.Json.Serialization;

namespace AutoDialer.Core.Campaigns;

/// <summary>
/// A weekly range of local time in which calls may be placed, [<paramref name="Start"/>, <paramref name="End"/>).
/// An <paramref name="End"/> before <paramref name="Start"/> runs past midnight into the next day
/// (Fri 20:00–02:00 ends on Saturday at 02:00).
/// </summary>
/// <remarks>
/// <see cref="TimeOnly"/> cannot say 24:00, so an <paramref name="End"/> of <see cref="TimeOnly.MaxValue"/> stands for
/// the end of the day and includes that last tick; 20:00–00:00 (past midnight, ending at once) means the same.
/// </remarks>
internal sealed record CallingWindow(DayOfWeek Day, TimeOnly Start, TimeOnly End)
{
    [JsonIgnore]
    public bool CrossesMidnight => End < Start;

    /// <summary>Whether local time <paramref name="time"/> on a day <see cref="Day"/> falls in this window.</summary>
    internal bool ContainsOnItsDay(TimeOnly time) =>
        time >= Start && (CrossesMidnight || time < End || End == TimeOnly.MaxValue);

    /// <summary>Whether local time <paramref name="time"/> on the day after <see cref="Day"/> falls in this window.</summary>
    internal bool ContainsOnNextDay(TimeOnly time) => CrossesMidnight && time < End;

    internal IEnumerable<SettingsError> Validate(string field)
    {
        if (!Enum.IsDefined(Day))
        {
            yield return new SettingsError(field, $"Day {(int)Day} is not a day of the week.");
        }

        if (Start == End)
        {
            yield return new SettingsError(field, $"Start and end are both {Start:HH\\:mm}; a window must have a length.");
        }
    }

    public override string ToString() => $"{Day} {Start:HH\\:mm}–{End:HH\\:mm}";
}
