using System.Buffers;
using System.Text;
using System.Text.Json;
using AutoDialer.Core.Import;
using CsvHelper;

namespace AutoDialer.PostgreSql.Import;

/// <summary>
/// A contact list on disk, opened for streaming: its encoding, delimiter and header are known, and
/// <see cref="ReadRows"/> yields normalised rows one at a time so memory stays flat whatever the file size.
/// </summary>
internal sealed class ContactFile : IDisposable
{
    // A record longer than this is almost certainly an unclosed quote swallowing the rest of the file.
    private const int MaxRecordBytes = 1 << 20;

    private readonly FileStream _stream;
    private readonly CsvReader _reader;
    private readonly QuoteWatch _quotes;

    private ContactFile(FileStream stream, CsvReader reader, QuoteWatch quotes, ContentProbeResult probe, char delimiter, ContactHeader header)
    {
        _stream = stream;
        _reader = reader;
        _quotes = quotes;
        Probe = probe;
        Delimiter = delimiter;
        Header = header;
    }

    public ContentProbeResult Probe { get; }
    public char Delimiter { get; }
    public ContactHeader Header { get; }
    public long Length => Probe.Length;

    /// <summary>Bytes of the file consumed so far, for a progress bar by bytes.</summary>
    public long BytesRead => _stream.CanSeek ? Math.Min(_stream.Position, Probe.Length) : 0;

    public static async Task<ContactFile> OpenAsync(string path, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(path))
            throw new ContactListFormatException($"file not found: {path}");

        ContentProbeResult probe;
        await using (var probeStream = OpenRead(path))
            probe = await ContentProbe.ReadAsync(probeStream, cancellationToken);

        if (probe.Length == 0)
            throw new ContactListFormatException("the file is empty (0 bytes): nothing to import");
        if (probe.LooksBinary)
            throw new ContactListFormatException("the file is not a CSV text file (it contains NUL bytes): export the list as CSV and try again");

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

            var file = new ContactFile(stream, csv, quotes, probe, delimiter, ContactHeader.Parse(ReadHeader(csv)));
            if (!file.Header.HasPhone)
            {
                file.Dispose();
                throw new ContactListFormatException(
                    $"no phone column: the header has [{string.Join(", ", file.Header.Fields)}]; " +
                    $"name the phone column one of: {ContactHeader.DescribeExpectedPhoneHeaders()}");
            }
            return file;
        }
        catch
        {
            await stream.DisposeAsync();
            throw;
        }
    }

    /// <summary>Reads every data record; throws <see cref="ContactListFormatException"/> for a file-level problem.</summary>
    public IEnumerable<ContactRow> ReadRows()
    {
        var attributes = new ArrayBufferWriter<byte>(256);
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
            yield return ToRow(line, fields, attributes);
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

    private ContactRow ToRow(int line, string[] fields, ArrayBufferWriter<byte> buffer)
    {
        string Field(int index) => index >= 0 && index < fields.Length ? fields[index] : "";

        var phone = PhoneNumberNormalizer.Normalize(Field(Header.PhoneIndex));
        var reason = phone.Reason;
        // Trailing empty cells (Excel's "a,b,,") are harmless; real values past the header are not ours to guess at.
        if (reason is null && HasExtraValues(fields))
            reason = RejectReason.ExtraFields;

        buffer.Clear();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            var extensionWritten = false;
            foreach (var (index, key) in Header.AttributeColumns)
            {
                var value = Field(index);
                if (value.Length == 0)
                    continue;
                json.WriteString(key, value);
                extensionWritten |= key == "extension";
            }
            if (phone.Extension is { } extension)
                json.WriteString(extensionWritten ? "phone_extension" : "extension", extension);
            json.WriteEndObject();
        }

        return new ContactRow(
            line,
            fields,
            reason is null ? phone.Phone : null,
            reason,
            NullIfEmpty(Field(Header.NameIndex)),
            NullIfEmpty(Field(Header.TimezoneIndex)),
            NullIfEmpty(Field(Header.PrivacyNumberIndex)),
            Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    private bool HasExtraValues(string[] fields)
    {
        for (var i = Header.Fields.Count; i < fields.Length; i++)
            if (!string.IsNullOrWhiteSpace(fields[i]))
                return true;
        return false;
    }

    private static string? NullIfEmpty(string value)
    {
        var trimmed = value.Trim();
        return trimmed.Length == 0 ? null : trimmed;
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

    private static FileStream OpenRead(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16, FileOptions.SequentialScan);

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

    public void Dispose()
    {
        _reader.Dispose();
        _stream.Dispose();
    }
}
