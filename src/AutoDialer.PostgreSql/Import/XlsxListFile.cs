using System.Xml;
using AutoDialer.Core.Import;
using MiniExcelLibs;
using MiniExcelLibs.OpenXml;

namespace AutoDialer.PostgreSql.Import;

/// <summary>
/// The first sheet of an .xlsx workbook, streamed row by row with MiniExcel (chosen by measurement: flat memory on a
/// million rows whatever the size of the shared-string table, which it caches on disk). Every physical row is yielded,
/// gaps as empty rows, so counting from 1 gives the sheet's row number; cells become the text a CSV export would have
/// (<see cref="CellText"/>). The header is the first row with a value.
/// </summary>
internal sealed class XlsxListFile : ListFile
{
    // MiniExcel's default: a table of shared strings this big or bigger goes to the disk cache.
    private const int SharedStringCacheBytes = 5 * 1024 * 1024;

    // A cache folder this old belongs to a process that was killed mid-read.
    private static readonly TimeSpan StaleCacheAge = TimeSpan.FromDays(1);

    private const string CacheFolderPrefix = "autodialer-xlsx-";

    private readonly FileStream _stream;
    private readonly IEnumerator<object> _rows;
    private readonly string _cacheFolder;
    private readonly int? _lastRow;
    private int _line;

    private XlsxListFile(FileStream stream, IEnumerator<object> rows, string cacheFolder, int? lastRow, ContentProbeResult probe,
        IReadOnlyList<string> header, int headerLine)
        : base(probe, header, headerLine)
    {
        _stream = stream;
        _rows = rows;
        _cacheFolder = cacheFolder;
        _lastRow = lastRow;
        _line = headerLine;
    }

    public override ListFormat Format => ListFormat.Xlsx;

    public override string EncodingName => ImportResult.XlsxEncodingName;

    public override string Delimiter => "";

    public override long BytesRead => _lastRow is { } last ? (long)(Length * Math.Min(1.0, (double)_line / last)) : 0;

    public static XlsxListFile Open(string path, ContentProbeResult probe, ListFileOptions options)
    {
        var cacheRoot = options.XlsxCacheDirectory ?? Path.GetTempPath();
        RemoveStaleCaches(cacheRoot);
        var cacheFolder = Directory.CreateDirectory(Path.Combine(cacheRoot, CacheFolderPrefix + Guid.NewGuid().ToString("N"))).FullName;
        var stream = OpenRead(path);
        IEnumerator<object>? rows = null;
        try
        {
            var configuration = new OpenXmlConfiguration
            {
                EnableSharedStringCache = true,
                SharedStringCacheSize = SharedStringCacheBytes,
                SharedStringCachePath = cacheFolder,
                IgnoreEmptyRows = false,
                FillMergedCells = false,
            };
            rows = stream.Query(useHeaderRow: false, excelType: ExcelType.XLSX, configuration: configuration).GetEnumerator();
            var line = 0;
            while (Next(rows, ref line) is { } cells)
            {
                if (cells.Any(c => !string.IsNullOrWhiteSpace(c)))
                    return new XlsxListFile(stream, rows, cacheFolder, XlsxDimension.LastRow(path), probe, cells, line);
            }
            throw new ContactListFormatException("the workbook's first sheet is empty: its first row with a value should name the columns");
        }
        catch
        {
            rows?.Dispose();
            stream.Dispose();
            RemoveFolder(cacheFolder);
            throw;
        }
    }

    public override IEnumerable<ListRecord> ReadRecords()
    {
        while (Next(_rows, ref _line) is { } cells)
        {
            if (cells.Length == 0 || cells.All(string.IsNullOrWhiteSpace))
                continue;
            yield return new ListRecord(_line, cells);
        }
    }

    /// <summary>The next physical row's cells (trailing empty cells left out), or null at the end of the sheet.</summary>
    private static string[]? Next(IEnumerator<object> rows, ref int line)
    {
        try
        {
            if (!rows.MoveNext())
                return null;
        }
        catch (Exception e) when (e is InvalidDataException or XmlException or InvalidOperationException or FormatException)
        {
            throw new ContactListFormatException(Describe(e, line));
        }
        line++;
        return Cells((IDictionary<string, object?>)rows.Current);
    }

    private static string[] Cells(IDictionary<string, object?> row)
    {
        var width = 0;
        foreach (var (key, value) in row)
            if (value is not null && !(value is string text && text.Length == 0))
                width = Math.Max(width, ColumnLetters.ToIndex(key) + 1);
        var cells = new string[width];
        Array.Fill(cells, "");
        foreach (var (key, value) in row)
        {
            var index = ColumnLetters.ToIndex(key);
            if (index >= 0 && index < width)
                cells[index] = CellText.Of(value);
        }
        return cells;
    }

    private static string Describe(Exception e, int rowsRead) => (e, rowsRead) switch
    {
        (InvalidDataException, 0) =>
            "the workbook is damaged or incomplete (it is not a readable zip archive): was the upload cut short? Save it again from Excel and upload that",
        (InvalidOperationException, 0) =>
            "the file is a zip archive but not an .xlsx workbook (it has no worksheet): save the list from Excel as \"Excel Workbook (.xlsx)\" or as CSV",
        (_, 0) => $"the workbook's first sheet cannot be read, it is damaged ({e.Message}): save it again from Excel and upload that",
        _ => $"the workbook is damaged after sheet row {rowsRead} ({e.Message}): save it again from Excel and upload that",
    };

    private static void RemoveStaleCaches(string cacheRoot)
    {
        if (!Directory.Exists(cacheRoot))
            return;
        foreach (var folder in Directory.EnumerateDirectories(cacheRoot, CacheFolderPrefix + "*"))
            if (DateTime.UtcNow - Directory.GetLastWriteTimeUtc(folder) > StaleCacheAge)
                RemoveFolder(folder);
    }

    private static void RemoveFolder(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // Another reader's, or already gone: the next stale sweep tries again.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            // MiniExcel deletes its cache files when its reader is disposed; the folder goes after.
            _rows.Dispose();
            _stream.Dispose();
            RemoveFolder(_cacheFolder);
        }
        base.Dispose(disposing);
    }
}
