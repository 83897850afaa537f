using CsvHelper;

namespace AutoDialer.PostgreSql.Reports;

/// <summary>
/// CSV written for people who open it in a spreadsheet: UTF-8 with a BOM (so Excel reads Chinese correctly) and
/// every text cell that a spreadsheet would run as a formula (<c>= + - @</c>, TAB, CR) escaped with a leading quote.
/// </summary>
internal static class SpreadsheetSafeCsv
{
    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    public static async Task<CsvWriter> CreateAsync(Stream output, CancellationToken cancellationToken = default)
    {
        await output.WriteAsync(Utf8Bom, cancellationToken);
        return CsvWriter.Create(output, new CsvWriterOptions
        {
            Injection = CsvInjection.Escape,
            InjectionCharacters = "=+-@\t\r",
        }, leaveOpen: true);
    }
}
