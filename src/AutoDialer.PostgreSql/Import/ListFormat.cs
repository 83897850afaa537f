namespace AutoDialer.PostgreSql.Import;

/// <summary>The kinds of file a list can be uploaded as, told apart by their first bytes (never by their name).</summary>
internal enum ListFormat
{
    /// <summary>Delimited text: UTF-8, UTF-16 or GB18030; , ; TAB or | separated.</summary>
    Csv,

    /// <summary>An Excel workbook (Office Open XML); its first sheet is the list.</summary>
    Xlsx,
}
