using Hangfire.PostgreSql;
using Npgsql;

namespace AutoDialer.PostgreSql.Jobs;

/// <summary>
/// Hangfire.PostgreSql's tables, in their own schema of AutoDialer's database. Installed (and upgraded) by the migration
/// runner under its advisory lock, never by the storage itself (<c>PrepareSchemaIfNecessary = false</c>), so nodes that
/// start together do not race to create them and a node never changes the schema outside <c>migrate</c>.
/// </summary>
internal static class JobStorageSchema
{
    public const string Name = "hangfire";

    /// <summary>Brings the schema to the version this Hangfire.PostgreSql ships; does nothing when it is there already.</summary>
    public static void Install(NpgsqlConnection connection) => PostgreSqlObjectsInstaller.Install(connection, Name);
}
