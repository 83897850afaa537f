namespace AutoDialer.PostgreSql.Import;

/// <summary>
/// The validation report of one imported list: its counts, rejects and duplicates by reason, and the first few
/// rejected rows with their line numbers (the whole set is the rejects CSV, <see cref="ImportRejectsReport"/>).
/// </summary>
internal sealed record ImportSummary(
    long ListId,
    string FileName,
    string Encoding,
    string Delimiter,
    IReadOnlyList<string> Header,
    int Rows,
    int Accepted,
    int Rejected,
    int Duplicates,
    int Suppressed,
    IReadOnlyDictionary<string, int> ByReason,
    IReadOnlyList<RejectedLine> FirstRejects);

internal sealed record RejectedLine(int Line, string Reason, IReadOnlyList<string> Fields);
