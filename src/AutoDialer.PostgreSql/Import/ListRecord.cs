namespace AutoDialer.PostgreSql.Import;

/// <summary>One data record of a list file, as text, whatever the file's format.</summary>
/// <param name="Line">1-based: a CSV's physical line where the record starts, a worksheet's row number.</param>
/// <param name="Fields">The cells as a CSV export would have them (see <c>CellText</c> for a worksheet's).</param>
internal sealed record ListRecord(int Line, string[] Fields);
