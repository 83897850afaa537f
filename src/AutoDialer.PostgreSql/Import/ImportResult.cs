namespace AutoDialer.PostgreSql.Import;

/// <summary>What an import did. <c>Accepted + Rejected + Duplicates + Suppressed == Rows</c>.</summary>
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
    char Delimiter,
    bool AlreadyImported);
