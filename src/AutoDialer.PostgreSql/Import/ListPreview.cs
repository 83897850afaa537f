using AutoDialer.Core.Import;

namespace AutoDialer.PostgreSql.Import;

/// <summary>
/// The first rows of a list with the roles its header's names give its columns, read through the same
/// <see cref="ListFile"/> as an import (so what a person reviews is what will be imported), without importing anything.
/// </summary>
/// <param name="Detected">The roles the header's names give; its phone column is -1 when no name is a phone synonym.</param>
internal sealed record ListPreview(
    ListFormat Format,
    string Encoding,
    string Delimiter,
    int HeaderLine,
    IReadOnlyList<string> Header,
    ColumnMapping Detected,
    IReadOnlyList<ListRecord> Rows)
{
    public static async Task<ListPreview> ReadAsync(string path, int rows, ListFileOptions? options, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        using var file = await ListFile.OpenAsync(path, options, cancellationToken);
        var first = file.ReadRecords().Take(rows).ToList();
        return new ListPreview(file.Format, file.EncodingName, file.Delimiter, file.HeaderLine, file.Header,
            ContactHeader.Parse(file.Header).Mapping, first);
    }
}
