using System.Buffers;
using System.Text;
using System.Text.Json;
using AutoDialer.Core.Import;

namespace AutoDialer.PostgreSql.Import;

/// <summary>
/// A contact list on disk, opened for streaming: a <see cref="ListFile"/> (CSV or .xlsx) whose columns have roles —
/// found from the header's names, or as a person mapped them — and <see cref="ReadRows"/> yields normalised rows one at
/// a time so memory stays flat whatever the file size.
/// </summary>
internal sealed class ContactFile : IDisposable
{
    private readonly ListFile _file;

    private ContactFile(ListFile file, ContactHeader header)
    {
        _file = file;
        Header = header;
    }

    public ContentProbeResult Probe => _file.Probe;
    public ListFormat Format => _file.Format;

    /// <summary>How the text was read: "utf-8", "utf-16le", "utf-16be", "gb18030", or "xlsx".</summary>
    public string EncodingName => _file.EncodingName;

    /// <summary>The CSV's delimiter; empty for a workbook.</summary>
    public string Delimiter => _file.Delimiter;

    public ContactHeader Header { get; }
    public long Length => _file.Length;

    /// <summary>Bytes of the file consumed so far, for a progress bar by bytes (estimated for a workbook).</summary>
    public long BytesRead => _file.BytesRead;

    public static Task<ContactFile> OpenAsync(string path, CancellationToken cancellationToken = default) =>
        OpenAsync(path, mapping: null, options: null, cancellationToken);

    /// <param name="mapping">The columns' roles as a person chose them; null: found from the header's names.</param>
    public static async Task<ContactFile> OpenAsync(string path, ColumnMapping? mapping, ListFileOptions? options, CancellationToken cancellationToken = default)
    {
        var file = await ListFile.OpenAsync(path, options, cancellationToken);
        try
        {
            ContactHeader header;
            if (mapping is null)
            {
                header = ContactHeader.Parse(file.Header);
                if (!header.HasPhone)
                    throw new ContactListFormatException(
                        $"no phone column: the header has [{string.Join(", ", file.Header)}]; " +
                        $"name the phone column one of: {ContactHeader.DescribeExpectedPhoneHeaders()}");
            }
            else
            {
                if (mapping.Problems(file.Header.Count) is { Count: > 0 } problems)
                    throw new ContactListFormatException(
                        $"the column mapping does not fit this list ({string.Join("; ", problems.Select(p => $"{p.Key}: {p.Value}"))})");
                header = ContactHeader.WithMapping(file.Header, mapping);
            }
            return new ContactFile(file, header);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>Reads every data record; throws <see cref="ContactListFormatException"/> for a file-level problem.</summary>
    public IEnumerable<ContactRow> ReadRows()
    {
        var attributes = new ArrayBufferWriter<byte>(256);
        foreach (var record in _file.ReadRecords())
            yield return ToRow(record.Line, record.Fields, attributes);
    }

    private ContactRow ToRow(int line, string[] fields, ArrayBufferWriter<byte> buffer)
    {
        string Field(int index) => index >= 0 && index < fields.Length ? fields[index] : "";

        var phone = PhoneNumberNormalizer.NormalizeAndValidate(Field(Header.PhoneIndex));
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
            Encoding.UTF8.GetString(buffer.WrittenSpan),
            reason is null ? phone.Facts : null)
        {
            Alternates = reason is null && Header.AlternatePhoneIndexes.Count > 0 ? Alternates(fields, phone.Phone!) : [],
        };
    }

    /// <summary>
    /// The row's other numbers that are valid, in the columns' order, each once and none the same as its phone. A cell
    /// that is empty or not a number adds nothing here; it is kept, as read, with the contact's attributes.
    /// </summary>
    private List<NormalizedPhone> Alternates(string[] fields, string phone)
    {
        var alternates = new List<NormalizedPhone>(Header.AlternatePhoneIndexes.Count);
        foreach (var index in Header.AlternatePhoneIndexes)
        {
            if (index >= fields.Length || string.IsNullOrWhiteSpace(fields[index]))
                continue;
            var alternate = PhoneNumberNormalizer.NormalizeAndValidate(fields[index]);
            if (alternate.IsValid && alternate.Phone != phone && !alternates.Exists(a => a.Phone == alternate.Phone))
                alternates.Add(alternate);
        }
        return alternates;
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

    public void Dispose() => _file.Dispose();
}
