using System.Diagnostics;

namespace AutoDialer.PostgreSql.Embedded;

/// <summary>A program and its arguments, run to completion with its output captured.</summary>
internal sealed record ExternalCommand(string FileName, IReadOnlyList<string> Arguments)
{
    public async Task<CommandResult> RunAsync(CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(FileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            // The server account cannot read root's home; starting there makes initdb and pg_ctl complain.
            WorkingDirectory = "/",
        };
        foreach (var argument in Arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        var output = new List<string>();
        using var process = new Process { StartInfo = startInfo };
        DataReceivedEventHandler collect = (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (output)
            {
                output.Add(e.Data);
            }
        };
        process.OutputDataReceived += collect;
        process.ErrorDataReceived += collect;

        try
        {
            process.Start();
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or FileNotFoundException)
        {
            throw new EmbeddedPostgresException($"Could not run {this}: {ex.Message}", ex);
        }

        // Nothing we run reads stdin; closing it makes sure nothing can hang waiting for a prompt.
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Only the direct child: during `pg_ctl start` the postmaster is still its child, and a server
            // that did come up is found and managed by the next start rather than killed half-way.
            try
            {
                process.Kill(entireProcessTree: false);
            }
            catch (InvalidOperationException)
            {
                // Already exited.
            }

            throw;
        }

        lock (output)
        {
            return new CommandResult(process.ExitCode, output.ToArray());
        }
    }

    public override string ToString() =>
        string.Join(' ', Arguments.Prepend(FileName).Select(a => a.Contains(' ') || a.Length == 0 ? $"\"{a}\"" : a));
}
