namespace AutoDialer.Core.Import;

/// <summary>
/// Reason codes written to the rejects report. They are a contract with operators and downstream tools,
/// so they are stable snake_case strings rather than an enum whose names could drift.
/// </summary>
internal static class RejectReason
{
    public const string Empty = "empty";

    /// <summary>Excel rendered the number as e.g. 1.38001E+10: trailing digits are already lost.</summary>
    public const string ExcelScientific = "excel_scientific";

    public const string InvalidFormat = "invalid_format";
    public const string TooShort = "too_short";
    public const string TooLong = "too_long";

    /// <summary>Well-formed, but libphonenumber's metadata says no such number exists (length or prefix unused in its region).</summary>
    public const string InvalidNumber = "invalid_number";
    public const string Duplicate = "duplicate";
    public const string ExtraFields = "extra_fields";
    public const string BadQuotes = "bad_quotes";
}
