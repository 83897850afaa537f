namespace AutoDialer.PostgreSql.Migrations;

/// <summary>
/// Migrations edited after they shipped, by mistake, in ways that do not change what they do (comments only): the
/// checksum of each earlier text a database may have recorded. A database that ran such a text is migrated as usual
/// and its record brought up to the current text; any other difference is still refused. Never add to this list to
/// get a real change through: put the change in a new migration.
/// </summary>
internal static class ShippedEdits
{
    private static readonly Dictionary<int, string[]> EarlierChecksums = new()
    {
        // 008's first text (commit d319a15) had a shorter comment; the statements are the same.
        [8] = ["78205d76e092e690019bb810e0f131913d15edd3417414d42ac4de823f1f3998"],
    };

    /// <summary>Whether <paramref name="recorded"/> is the checksum of an earlier text of <paramref name="migration"/> that does the same.</summary>
    public static bool IsEarlierTextOf(Migration migration, string recorded) =>
        EarlierChecksums.TryGetValue(migration.Version, out var earlier) && earlier.Contains(recorded, StringComparer.Ordinal);
}
