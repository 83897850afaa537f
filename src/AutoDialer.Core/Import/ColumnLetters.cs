namespace AutoDialer.Core.Import;

/// <summary>A worksheet's column letters and the 0-based index of the column: "A" ↔ 0, "Z" ↔ 25, "AA" ↔ 26.</summary>
internal static class ColumnLetters
{
    /// <returns>The index, or -1 when <paramref name="letters"/> is not a column name (empty, or not A–Z).</returns>
    public static int ToIndex(string letters)
    {
        ArgumentNullException.ThrowIfNull(letters);
        if (letters.Length is 0 or > 3)
            return -1;
        var index = 0;
        foreach (var c in letters)
        {
            if (c is < 'A' or > 'Z')
                return -1;
            index = index * 26 + (c - 'A' + 1);
        }
        return index - 1;
    }

    public static string FromIndex(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        var letters = "";
        for (index++; index > 0; index = (index - 1) / 26)
            letters = (char)('A' + (index - 1) % 26) + letters;
        return letters;
    }
}
