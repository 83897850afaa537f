namespace AutoDialer.PostgreSql.Import;

/// <summary>How a list file is opened.</summary>
internal sealed record ListFileOptions
{
    /// <summary>
    /// Where a workbook's shared strings are cached on disk while it is read (a folder of its own per file inside,
    /// removed when the file is closed), so memory stays flat whatever the string table's size. Default: the system's
    /// temporary folder. A node sets a folder under its data directory.
    /// </summary>
    public string? XlsxCacheDirectory { get; init; }
}
