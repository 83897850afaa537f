using AutoDialer.Core.Import;
using AutoDialer.PostgreSql.Import;

namespace AutoDialer.PostgreSql.DoNotCall;

/// <summary>
/// Reads the numbers of a do-not-call file through the same <see cref="ListFile"/> as contact lists: CSV in any of their
/// encodings and delimiters, or .xlsx, streamed. The phone column is the one the header names with a phone synonym
/// (<see cref="ContactHeader"/>), wherever it is; a file whose first line is itself a number is a bare list, one number
/// per line (its first column). Each number is normalised as contacts are, and a line whose cell is not a number is
/// refused with its line and reason, never dropped in silence. A block is never dropped for the metadata's sake: numbers
/// are normalised by the format rules only (<see cref="PhoneNumberNormalizer.Normalize"/>).
/// </summary>
internal static class DoNotCallFile
{
    /// <exception cref="ContactListFormatException">The file has no phone column, or cannot be read as a list.</exception>
    public static async Task<DoNotCallFileNumbers> ReadAsync(string path, ListFileOptions? options = null, CancellationToken cancellationToken = default)
    {
        using var file = await ListFile.OpenAsync(path, options, cancellationToken);
        var header = ContactHeader.Parse(file.Header);
        var bare = !header.HasPhone && file.Header.Count > 0 && PhoneNumberNormalizer.Normalize(file.Header[0]).IsValid;
        if (!header.HasPhone && !bare)
            throw new ContactListFormatException(
                $"no phone column: the header has [{string.Join(", ", file.Header)}]; " +
                $"name the phone column one of: {ContactHeader.DescribeExpectedPhoneHeaders()}, or give one number per line");

        var column = bare ? 0 : header.PhoneIndex;
        var phones = new List<string>();
        var refused = new List<DoNotCallRefusal>();
        var rows = 0;
        if (bare)
            Read(new ListRecord(file.HeaderLine, file.Header.ToArray()));
        foreach (var record in file.ReadRecords())
        {
            cancellationToken.ThrowIfCancellationRequested();
            Read(record);
        }
        return new DoNotCallFileNumbers(rows, phones, refused, file.EncodingName);

        void Read(ListRecord record)
        {
            rows++;
            var cell = column < record.Fields.Length ? record.Fields[column] : "";
            var normalized = PhoneNumberNormalizer.Normalize(cell);
            if (normalized.Phone is { } phone)
                phones.Add(phone);
            else
                refused.Add(new DoNotCallRefusal(record.Line, cell, normalized.Reason ?? RejectReason.InvalidFormat));
        }
    }
}
