namespace AutoDialer.PostgreSql.DoNotCall;

/// <summary>A line of a do-not-call file whose cell is not a number.</summary>
/// <param name="Line">1-based physical line where the record starts (a workbook's row).</param>
internal sealed record DoNotCallRefusal(int Line, string Input, string Reason);
