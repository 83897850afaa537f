namespace AutoDialer.PostgreSql.Import;

/// <summary>What loading a list's rows produced. <c>Accepted + Rejected + Duplicates + Suppressed == Rows</c>.</summary>
internal sealed record ListLoadCounts(int Rows, int Accepted, int Rejected, int Duplicates, int Suppressed);
