using AutoDialer.Core.Import;

namespace AutoDialer.PostgreSql.Import;

/// <summary>
/// A list on disk opened for streaming: a CSV or the first sheet of an .xlsx workbook behind one shape. Its header
/// (the first line; a worksheet's first row with a value) is read on opening, then <see cref="ReadRecords"/> yields the
/// data records one at a time, blank ones skipped, so memory stays flat whatever the file size. A file that cannot be
/// read at all throws <see cref="ContactListFormatException"/> with the problem in words a person can act on, on
/// opening or (a workbook damaged midway) while reading. Contact lists read it through <see cref="ContactFile"/>;
/// anything else that reads a list of rows (a do-not-call file) can read it directly.
/// </summary>
internal abstract class ListFile : IDisposable
{
    private protected ListFile(ContentProbeResult probe, IReadOnlyList<string> header, int headerLine)
    {
        Probe = probe;
        Header = header;
        HeaderLine = headerLine;
    }

    public abstract ListFormat Format { get; }

    /// <summary>The whole file's SHA-256 and length (and, for a CSV, its encoding).</summary>
    public ContentProbeResult Probe { get; }

    /// <summary>The header's cells as they are in the file.</summary>
    public IReadOnlyList<string> Header { get; }

    /// <summary>The line (a worksheet's row) the header is on.</summary>
    public int HeaderLine { get; }

    /// <summary>How the text was read, as recorded with a list: "utf-8", "utf-16le", "utf-16be", "gb18030", or "xlsx".</summary>
    public abstract string EncodingName { get; }

    /// <summary>The CSV's delimiter; empty for a workbook.</summary>
    public abstract string Delimiter { get; }

    public long Length => Probe.Length;

    /// <summary>How much of the file has been read, in bytes, for a progress bar (a workbook's is estimated from its rows).</summary>
    public abstract long BytesRead { get; }

    public abstract IEnumerable<ListRecord> ReadRecords();

    /// <summary>Opens a list by what its bytes are: a zip is a workbook, an OLE compound file is refused with what it is, anything else is read as CSV.</summary>
    public static async Task<ListFile> OpenAsync(string path, ListFileOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(path))
            throw new ContactListFormatException($"file not found: {path}");

        ContentProbeResult probe;
        var head = new byte[FileSignatures.Length];
        int headLength;
        await using (var stream = OpenRead(path))
        {
            probe = await ContentProbe.ReadAsync(stream, cancellationToken);
            stream.Position = 0;
            headLength = await stream.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        }
        if (probe.Length == 0)
            throw new ContactListFormatException("the file is empty (0 bytes): nothing to import");

        switch (FileSignatures.Of(head.AsSpan(0, headLength)))
        {
            case FileSignature.Zip:
                return XlsxListFile.Open(path, probe, options ?? new ListFileOptions());
            case FileSignature.CompoundFile:
                throw new ContactListFormatException(DescribeCompoundFile(path));
            default:
                if (probe.LooksBinary)
                    throw new ContactListFormatException(IsNamedAsWorkbook(path)
                        ? "the file is named like an Excel workbook but is not an .xlsx workbook (it does not start as one): save it from Excel as \"Excel Workbook (.xlsx)\" or as CSV and try again"
                        : "the file is not a spreadsheet: it is not a CSV text file (it contains binary data) and not an .xlsx workbook: export the list as CSV or .xlsx and try again");
                return await CsvListFile.OpenAsync(path, probe, cancellationToken);
        }
    }

    private static string DescribeCompoundFile(string path)
    {
        using var stream = OpenRead(path);
        return CompoundFileProbe.Classify(stream) switch
        {
            CompoundFileKind.OldExcelWorkbook =>
                "this is an old .xls workbook (Excel 97–2003), which cannot be read: open it in Excel, save it as \"Excel Workbook (.xlsx)\" or as CSV, and upload that",
            CompoundFileKind.EncryptedWorkbook =>
                "the workbook is password-protected (encrypted), so it cannot be read: open it in Excel, remove the password (File › Info › Protect Workbook › Encrypt with Password), save it and upload it again",
            CompoundFileKind.OtherDocument =>
                "the file is not a spreadsheet (it is an Office document of another kind): export the list as CSV or .xlsx and try again",
            _ =>
                "the file is an old .xls workbook or a password-protected one, neither of which can be read: save it from Excel as \"Excel Workbook (.xlsx)\" without a password, or as CSV",
        };
    }

    private static bool IsNamedAsWorkbook(string path) =>
        Path.GetExtension(path).ToLowerInvariant() is ".xlsx" or ".xlsm" or ".xls";

    internal static FileStream OpenRead(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16, FileOptions.SequentialScan);

    protected virtual void Dispose(bool disposing)
    {
    }

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }
}
