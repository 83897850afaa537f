namespace AutoDialer.Core.Import;

/// <summary>
/// Picks the field delimiter of a contact list from its header line. Spreadsheets export ";" in locales
/// where "," is the decimal mark, and TAB or "|" from other tools, so the header decides.
/// </summary>
internal static class DelimiterDetector
{
    // Order matters: it breaks ties.
    private static readonly char[] Candidates = [',', ';', '\t', '|'];

    public static char Detect(string headerLine)
    {
        ArgumentNullException.ThrowIfNull(headerLine);

        Span<int> counts = stackalloc int[Candidates.Length];
        bool quoted = false;
        foreach (char c in headerLine)
        {
            if (c == '"')
            {
                // An escaped "" toggles twice, so it leaves the state unchanged.
                quoted = !quoted;
                continue;
            }

            if (!quoted)
            {
                int candidate = Array.IndexOf(Candidates, c);
                if (candidate >= 0)
                {
                    counts[candidate]++;
                }
            }
        }

        int best = 0;
        for (int i = 1; i < counts.Length; i++)
        {
            if (counts[i] > counts[best])
            {
                best = i;
            }
        }

        // With no candidate at all best stays 0, i.e. ",": a single-column list.
        return Candidates[best];
    }
}
