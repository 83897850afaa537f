namespace AutoDialer.PostgreSql.DoNotCall;

/// <summary>What a do-not-call file holds: its numbers, normalised, and the lines that are not numbers.</summary>
/// <param name="Rows">Data lines read (a bare list's first line included).</param>
/// <param name="Encoding">How the text was read ("utf-8", "gb18030", …, or "xlsx").</param>
internal sealed record DoNotCallFileNumbers(int Rows, IReadOnlyList<string> Phones, IReadOnlyList<DoNotCallRefusal> Refused, string Encoding);
