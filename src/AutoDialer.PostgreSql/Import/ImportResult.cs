namespace AutoDialer.PostgreSql.Import;

/// <summary>What an import did. <c>Accepted + Rejected + Duplicates + Suppressed == Rows</c>.</summary>
/// <param name="Encoding">How the text was read: "utf-8", "utf-16le", "utf-16be", "gb18030", or "xlsx" for a workbook.</param>
/// <param name="Delimiter">The CSV's delimiter; empty for a workbook.</param>
/// <param name="AlreadyImported">The identical file was imported into this campaign before; nothing changed and the counts are that import's.</param>
internal sealed record ImportResult(
    long CampaignId,
    long ListId,
    int Rows,
    int Accepted,
    int Rejected,
    int Duplicates,
    int Suppressed,
    string Encoding,
    string Delimiter,
    bool AlreadyImported)
{
    public ListFormat Format => Encoding == XlsxEncodingName ? ListFormat.Xlsx : ListFormat.Csv;

    /// <summary>What <c>contact_lists.encoding</c> holds for a list read from a workbook.</summary>
    public const string XlsxEncodingName = "xlsx";
}
