using System.Globalization;

namespace AutoDialer.Core.Import;

/// <summary>
/// The text a CSV export of a worksheet would have had for one cell, from the value an .xlsx reader surfaces (it
/// applies no number format): so that a list reads the same whichever way it was saved.
/// </summary>
internal static class CellText
{
    // decimal's range: beyond it a number keeps its 15 significant digits as "G15".
    private const double DecimalLimit = 7.9e27;

    public static string Of(object? value) => value switch
    {
        null => "",
        string text => text,
        double number => Number(number),
        DateTime date => Date(date),
        TimeSpan time => time.ToString(time.Days > 0 ? @"d\.hh\:mm\:ss" : @"hh\:mm\:ss", CultureInfo.InvariantCulture),
        bool flag => flag ? "TRUE" : "FALSE",
        decimal number => number.ToString(CultureInfo.InvariantCulture),
        IFormattable other => other.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>
    /// Excel keeps 15 significant digits; the cell's XML may carry 17 (<c>13800138000.000002</c>,
    /// <c>43357.200000000004</c>). Converting to decimal rounds to 15 significant digits, and decimal never prints an
    /// exponent or the current culture's decimal comma: 13800138000 → "13800138000", 1E-7 → "0.0000001",
    /// 1.10101199003071E+17 → "110101199003071000" (what Excel shows in a "0" format).
    /// </summary>
    public static string Number(double number) =>
        double.IsFinite(number) && Math.Abs(number) < DecimalLimit
            ? ((decimal)number).ToString(CultureInfo.InvariantCulture)
            : number.ToString("G15", CultureInfo.InvariantCulture);

    /// <summary>
    /// A date-styled cell: <c>yyyy-MM-dd</c> at midnight, else <c>yyyy-MM-dd HH:mm:ss</c>, rounded to the second
    /// (13:00 is stored as 0.541666666666667 and may come back as 12:59:59.9999).
    /// </summary>
    public static string Date(DateTime date)
    {
        var rounded = new DateTime((date.Ticks + TimeSpan.TicksPerSecond / 2) / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, date.Kind);
        return rounded.TimeOfDay == TimeSpan.Zero
            ? rounded.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : rounded.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
    }
}
