using AutoDialer.Core.Import;
using AutoDialer.Core.StoredWords;
using Dapper;
using Npgsql;
using NpgsqlTypes;

namespace AutoDialer.PostgreSql.Import;

/// <summary>
/// The other numbers of a list's contacts, kept while the contacts are copied straight in: one connection runs one COPY
/// at a time, and a contact's id exists only once its row is in. They wait in a temporary file (deleted on dispose), then
/// go through a temporary table into <c>contact_alternates</c>, each joined to its contact by the contact's own number
/// (unique in the campaign).
/// </summary>
internal sealed class AlternateSpill : IAsyncDisposable
{
    private const string CreateStagingSql = """
        create temporary table alternates_staging (
            contact_phone text collate "C" not null,
            position      smallint not null,
            phone         text collate "C" not null,
            number_type   text,
            province      text,
            city          text
        ) on commit drop
        """;

    private const string CopyStagingSql =
        "copy alternates_staging (contact_phone, position, phone, number_type, province, city) from stdin (format binary)";

    private const string InsertSql = """
        insert into contact_alternates (contact_id, position, campaign_id, phone, number_type, province, city)
        select c.id, s.position, c.campaign_id, s.phone, s.number_type, s.province, s.city
        from alternates_staging s
        join contacts c on c.campaign_id = @campaignId and c.phone = s.contact_phone;
        drop table alternates_staging
        """;

    private readonly FileStream _file;
    private readonly BinaryWriter _writer;

    public AlternateSpill()
    {
        _file = new FileStream(Path.Combine(Path.GetTempPath(), $"autodialer-alternates-{Guid.NewGuid():N}.bin"), FileMode.CreateNew,
            FileAccess.ReadWrite, FileShare.None, bufferSize: 1 << 16, FileOptions.DeleteOnClose);
        _writer = new BinaryWriter(_file, System.Text.Encoding.UTF8, leaveOpen: true);
    }

    public int Count { get; private set; }

    /// <param name="position">Its place among the contact's other numbers, from 1.</param>
    public void Add(string contactPhone, int position, NormalizedPhone alternate)
    {
        _writer.Write(contactPhone);
        _writer.Write((short)position);
        _writer.Write(alternate.Phone!);
        WriteOrNull(alternate.Facts?.Kind.ToName());
        WriteOrNull(alternate.Facts?.Province);
        WriteOrNull(alternate.Facts?.City);
        Count++;
    }

    public async Task CopyToAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long campaignId, CancellationToken cancellationToken)
    {
        if (Count == 0)
            return;
        _writer.Flush();
        _file.Position = 0;
        await connection.ExecuteAsync(new CommandDefinition(CreateStagingSql, transaction: transaction, cancellationToken: cancellationToken));
        using (var reader = new BinaryReader(_file, System.Text.Encoding.UTF8, leaveOpen: true))
        await using (var copy = await connection.BeginBinaryImportAsync(CopyStagingSql, cancellationToken))
        {
            for (var row = 0; row < Count; row++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                copy.StartRow();
                copy.Write(reader.ReadString(), NpgsqlDbType.Text);
                copy.Write(reader.ReadInt16(), NpgsqlDbType.Smallint);
                copy.Write(reader.ReadString(), NpgsqlDbType.Text);
                copy.WriteTextOrNull(ReadOrNull(reader));
                copy.WriteTextOrNull(ReadOrNull(reader));
                copy.WriteTextOrNull(ReadOrNull(reader));
            }
            await copy.CompleteAsync(cancellationToken);
        }
        await connection.ExecuteAsync(new CommandDefinition(InsertSql, new { campaignId }, transaction, cancellationToken: cancellationToken));
    }

    private void WriteOrNull(string? value)
    {
        _writer.Write(value is not null);
        if (value is not null)
            _writer.Write(value);
    }

    private static string? ReadOrNull(BinaryReader reader) => reader.ReadBoolean() ? reader.ReadString() : null;

    public async ValueTask DisposeAsync()
    {
        await _writer.DisposeAsync();
        await _file.DisposeAsync();
    }
}
