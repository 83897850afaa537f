using Npgsql;
using NpgsqlTypes;

namespace AutoDialer.PostgreSql.Import;

/// <summary>
/// The rejected and duplicate rows of a list being copied straight into contacts. One connection runs one COPY at a
/// time, so they wait in a temporary file (deleted on dispose) rather than in memory, and are copied into
/// <c>import_rejects</c> once the contacts are in.
/// </summary>
internal sealed class RejectSpill : IAsyncDisposable
{
    private readonly FileStream _file;
    private readonly BinaryWriter _writer;

    public RejectSpill()
    {
        _file = new FileStream(Path.Combine(Path.GetTempPath(), $"autodialer-rejects-{Guid.NewGuid():N}.bin"), FileMode.CreateNew,
            FileAccess.ReadWrite, FileShare.None, bufferSize: 1 << 16, FileOptions.DeleteOnClose);
        _writer = new BinaryWriter(_file, System.Text.Encoding.UTF8, leaveOpen: true);
    }

    public int Count { get; private set; }

    public void Add(int line, string reason, string[] fields)
    {
        _writer.Write(line);
        _writer.Write(reason);
        _writer.Write(fields.Length);
        foreach (var field in fields)
            _writer.Write(field);
        Count++;
    }

    public async Task CopyToAsync(NpgsqlConnection connection, long listId, CancellationToken cancellationToken)
    {
        if (Count == 0)
            return;
        _writer.Flush();
        _file.Position = 0;
        using var reader = new BinaryReader(_file, System.Text.Encoding.UTF8, leaveOpen: true);
        await using var copy = await connection.BeginBinaryImportAsync(
            "copy import_rejects (list_id, line_no, reason, fields) from stdin (format binary)", cancellationToken);
        for (var row = 0; row < Count; row++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var line = reader.ReadInt32();
            var reason = reader.ReadString();
            var fields = new string[reader.ReadInt32()];
            for (var i = 0; i < fields.Length; i++)
                fields[i] = reader.ReadString();
            copy.StartRow();
            copy.Write(listId, NpgsqlDbType.Bigint);
            copy.Write(line, NpgsqlDbType.Integer);
            copy.Write(reason, NpgsqlDbType.Text);
            copy.Write(fields, NpgsqlDbType.Array | NpgsqlDbType.Text);
        }
        await copy.CompleteAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _writer.DisposeAsync();
        await _file.DisposeAsync();
    }
}
