using Npgsql;
using NpgsqlTypes;

namespace AutoDialer.PostgreSql.Import;

internal static class BinaryImporterExtensions
{
    /// <summary>Writes a text column of a COPY row, or NULL for a missing value.</summary>
    public static void WriteTextOrNull(this NpgsqlBinaryImporter copy, string? value)
    {
        if (value is null) copy.WriteNull();
        else copy.Write(value, NpgsqlDbType.Text);
    }
}
