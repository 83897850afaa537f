using AutoDialer.Core.Import;
using CsvHelper;

namespace AutoDialer.PostgreSql.Import;

/// <summary>
/// A CSV list: encoding from <see cref="ContentProbe"/>, delimiter from the header line, RFC 4180 quoting; records
/// numbered by the physical line they start on (the header is line 1).
/// </summary>
internal sealed class CsvListFile : ListFile
{
    // A record longer than this is almost certainly an unclosed quote swallowing the rest of the file.
    private const int MaxRecordBytes = 1 << 20;

    private readonly FileStream _stream;
    private readonly CsvReader _reader;
    private readonly QuoteWatch _quotes;
    private readonly char _delimiter;

    private CsvListFile(FileStream stream, CsvReader reader, QuoteWatch quotes, ContentProbeResult probe, char delimiter, IReadOnlyList<string> header)
        : base(probe, header, headerLine: 1)
    {
        _stream = stream;
        _reader = reader;
        _quotes = quotes;
        _delimiter = delimiter;
    }

    public override ListFormat Format => ListFormat.Csv;

    public override string EncodingName => Probe.Encoding.Name;

    public override string Delimiter => _delimiter.ToString();

    public override long BytesRead => _stream.CanSeek ? Math.Min(_stream.Position, Probe.Length) : 0;

    public static async Task<CsvListFile> OpenAsync(string path, ContentProbeResult probe, CancellationToken cancellationToken)
    {
        var stream = OpenRead(path);
        try
        {
            var headerLine = await ReadFirstLineAsync(stream, probe.Encoding, cancellationToken);
            if (string.IsNullOrWhiteSpace(headerLine))
                throw new ContactListFormatException("the first line of the file is empty: a header line naming the columns is required");
            var delimiter = DelimiterDetector.Detect(headerLine);
            stream.Position = probe.Encoding.PreambleLength;

            var quotes = new QuoteWatch();
            var csv = CsvReader.Create(stream, new CsvReaderOptions
            {
                Separator = delimiter,
                // Only a non-UTF-8 file needs transcoding; UTF-16 is announced by its BOM, which we skipped, so say it.
                Encoding = probe.Encoding.Name == "utf-8" ? null : probe.Encoding.Encoding,
                HasHeader = true,
                TrackLineNumbers = true,
                SkipEmptyLines = true,
                DetectSeparatorHint = false,
                MaxRecordSize = MaxRecordBytes,
                // Stray quotes are recovered as text (the row is still usable); an unclosed one swallows the rest of the file.
                OnMalformedRecord = quotes.Observe,
            }, leaveOpen: true);
            return new CsvListFile(stream, csv, quotes, probe, delimiter, ReadHeader(csv));
        }
        catch
        {
            await stream.DisposeAsync();
            throw;
        }
    }

    public override IEnumerable<ListRecord> ReadRecords()
    {
        while (true)
        {
            bool more;
            try
            {
                more = _reader.Read();
            }
            catch (CsvFormatException e)
            {
                throw new ContactListFormatException(DescribeFormatError(e));
            }
            if (!more)
                break;

            var line = checked((int)_reader.LineNumber);
            if (_quotes.UnterminatedAtLine is { } open)
                throw UnterminatedQuote(open);

            var fields = new string[_reader.FieldCount];
            var blank = true;
            for (var i = 0; i < fields.Length; i++)
            {
                fields[i] = _reader.GetString(i);
                blank &= string.IsNullOrWhiteSpace(fields[i]);
            }
            // A line of only whitespace or empty cells (",,," at the end of Excel exports) is a blank line, not a contact.
            if (blank)
                continue;
            yield return new ListRecord(line, fields);
        }
        if (_quotes.UnterminatedAtLine is { } unclosed)
            throw UnterminatedQuote(unclosed);
    }

    private sealed class QuoteWatch
    {
        public int? UnterminatedAtLine { get; private set; }

        public void Observe(CsvMalformedRecord record)
        {
            if (record.Reason == CsvMalformedReason.UnterminatedQuote)
                UnterminatedAtLine ??= (int)record.LineNumber;
        }
    }

    private static IReadOnlyList<string> ReadHeader(CsvReader csv)
    {
        try
        {
            return csv.Headers;
        }
        catch (CsvFormatException e)
        {
            throw new ContactListFormatException("the header line cannot be read: " + DescribeFormatError(e));
        }
    }

    private static ContactListFormatException UnterminatedQuote(int line) =>
        new($"unbalanced quote: a quoted field in the record starting on line {line} is never closed, so the rest of the file cannot be read reliably");

    private static string DescribeFormatError(CsvFormatException e) =>
        e.LineNumber > 0
            ? $"the record starting on line {e.LineNumber} cannot be read ({e.Message}); is a quote unbalanced?"
            : $"the file cannot be read as CSV ({e.Message})";

    private static async Task<string> ReadFirstLineAsync(Stream stream, DetectedEncoding encoding, CancellationToken cancellationToken)
    {
        stream.Position = encoding.PreambleLength;
        using var text = new StreamReader(stream, encoding.Encoding, detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16, leaveOpen: true);
        var buffer = new char[1 << 16];
        var read = await text.ReadBlockAsync(buffer, cancellationToken);
        var span = buffer.AsSpan(0, read);
        var inQuotes = false;
        for (var i = 0; i < span.Length; i++)
        {
            if (span[i] == '"') inQuotes = !inQuotes;
            else if (!inQuotes && span[i] is '\r' or '\n') return new string(span[..i]);
        }
        return new string(span);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _reader.Dispose();
            _stream.Dispose();
        }
        base.Dispose(disposing);
    }
}
