namespace AutoDialer.PostgreSql.Embedded;

/// <summary>What an external command printed (stdout and stderr interleaved) and how it exited.</summary>
internal sealed record CommandResult(int ExitCode, IReadOnlyList<string> Output)
{
    public bool Succeeded => ExitCode == 0;

    public string LastLines(int count = 15) =>
        string.Join(Environment.NewLine, Output.Skip(Math.Max(0, Output.Count - count)));
}
