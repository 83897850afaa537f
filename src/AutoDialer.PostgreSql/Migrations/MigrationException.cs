namespace AutoDialer.PostgreSql.Migrations;

/// <summary>A migration failed (and was rolled back), or the database's record contradicts the migration files.</summary>
internal sealed class MigrationException : Exception
{
    public MigrationException(string migrationName, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        MigrationName = migrationName;
    }

    public string MigrationName { get; }
}
