using System.Text;

namespace AutoDialer.PostgreSql.DoNotCall;

/// <summary>
/// Reads the numbers of a do-not-call file. Such a file is usually one number per line, sometimes a CSV export:
/// the first cell of each line is taken, and lines without a digit (a header) are skipped.
/// </summary>
internal static class DoNotCallFile
{
    public static IEnumerable<string> ReadNumbers(string path) => ReadNumbers(File.ReadLines(path));

    public static async Task<IReadOnlyList<string>> ReadNumbersAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        var lines = new List<string>();
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
            lines.Add(line);
        return ReadNumbers(lines).ToList();
    }

    private static IEnumerable<string> ReadNumbers(IEnumerable<string> lines)
    {
        foreach (var line in lines)
        {
            var cell = line.Split([',', ';', '\t', '|'], 2)[0].Trim().Trim('"');
            if (cell.Length == 0 || !cell.Any(char.IsDigit))
                continue;
            yield return cell;
        }
    }
}
