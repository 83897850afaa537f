using AutoDialer.PostgreSql.Jobs;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace AutoDialer.PostgreSql.Migrations;

/// <summary>
/// Brings a database up to date: applies the migrations it has not seen, in version order, each in its own
/// transaction, and records them in <c>schema_migrations</c>; then installs or upgrades the job store's schema
/// (<see cref="JobStorageSchema"/>) under the same lock. Safe to run from several processes at once.
/// </summary>
internal sealed class MigrationRunner
{
    /// <summary>
    /// The advisory lock serialising migration runs on one database (<see cref="AdvisoryLocks.MigrationKey"/>: every
    /// AutoDialer version uses the same one).
    /// </summary>
    public const long AdvisoryLockKey = AdvisoryLocks.MigrationKey;

    private readonly ILogger _logger;

    public MigrationRunner(ILogger? logger = null)
        : this(Migration.FromEmbeddedResources(), logger, installsJobStorage: true)
    {
    }

    /// <param name="installsJobStorage">Also install the job store's schema (the shipped migrations need it; a test's own list may not).</param>
    public MigrationRunner(IEnumerable<Migration> migrations, ILogger? logger = null, bool installsJobStorage = false)
    {
        InstallsJobStorage = installsJobStorage;
        ArgumentNullException.ThrowIfNull(migrations);
        Migrations = migrations.OrderBy(migration => migration.Version).ToArray();
        var duplicate = Migrations.GroupBy(migration => migration.Version).FirstOrDefault(group => group.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException(
                $"Migrations {string.Join(" and ", duplicate)} share version {duplicate.Key}.", nameof(migrations));
        }

        _logger = logger ?? NullLogger.Instance;
    }

    public IReadOnlyList<Migration> Migrations { get; }

    public bool InstallsJobStorage { get; }

    /// <summary>Applies what is missing; returns the names of the migrations applied by this call.</summary>
    public async Task<IReadOnlyList<string>> ApplyAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

        // Session-level, so it spans the per-migration transactions. A second runner waits here and then
        // finds everything applied.
        await ExecuteAsync(connection, AdvisoryLocks.MigrationSql, cancellationToken).ConfigureAwait(false);
        try
        {
            await ExecuteAsync(
                connection,
                """
                create table if not exists schema_migrations (
                    version    integer     primary key,
                    name       text        not null,
                    checksum   text        not null,
                    applied_at timestamptz not null default now()
                )
                """,
                cancellationToken).ConfigureAwait(false);

            var applied = await ReadAppliedAsync(connection, cancellationToken).ConfigureAwait(false);
            Verify(applied);
            await RecordCurrentTextsAsync(connection, applied, cancellationToken).ConfigureAwait(false);

            var names = new List<string>();
            foreach (var migration in Migrations.Where(migration => !applied.ContainsKey(migration.Version)))
            {
                await ApplyOneAsync(connection, migration, cancellationToken).ConfigureAwait(false);
                _logger.LogInformation("Applied migration {Migration}", migration.Name);
                names.Add(migration.Name);
            }

            if (InstallsJobStorage)
            {
                // Synchronous: Hangfire.PostgreSql's installer has no async form. It runs each of its versions in a
                // transaction of its own and skips the versions the schema has.
                JobStorageSchema.Install(connection);
            }

            return names;
        }
        finally
        {
            await UnlockAsync(connection).ConfigureAwait(false);
        }
    }

    /// <summary>Refuses to run when an applied migration's file was edited: the schema would silently differ.</summary>
    private void Verify(Dictionary<int, (string Name, string Checksum)> applied)
    {
        foreach (var migration in Migrations)
        {
            if (applied.TryGetValue(migration.Version, out var record) && record.Checksum != migration.Checksum
                && !ShippedEdits.IsEarlierTextOf(migration, record.Checksum))
            {
                throw new MigrationException(
                    migration.Name,
                    $"Migration {migration.Name} was changed after it was applied to this database " +
                    $"(recorded checksum {record.Checksum}, file now {migration.Checksum}). Applied migrations " +
                    "must not be edited: restore the file and put the change in a new migration.");
            }
        }

        var known = Migrations.Select(migration => migration.Version).ToHashSet();
        foreach (var (version, record) in applied.Where(entry => !known.Contains(entry.Key)))
        {
            _logger.LogWarning(
                "The database has migration {Version} ({Name}) that this version of AutoDialer does not know; " +
                "it was probably migrated by a newer version", version, record.Name);
        }
    }

    /// <summary>A database that ran an earlier text of an edited migration (<see cref="ShippedEdits"/>) records the current one.</summary>
    private async Task RecordCurrentTextsAsync(NpgsqlConnection connection, Dictionary<int, (string Name, string Checksum)> applied,
        CancellationToken cancellationToken)
    {
        foreach (var migration in Migrations)
        {
            if (!applied.TryGetValue(migration.Version, out var record) || record.Checksum == migration.Checksum)
            {
                continue;
            }

            await using var update = new NpgsqlCommand("update schema_migrations set checksum = $2 where version = $1", connection)
            {
                Parameters = { new NpgsqlParameter { Value = migration.Version }, new NpgsqlParameter { Value = migration.Checksum } },
            };
            await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            _logger.LogInformation(
                "Migration {Migration} was recorded with an earlier text that does the same; recorded its current text", migration.Name);
        }
    }

    private static async Task ApplyOneAsync(NpgsqlConnection connection, Migration migration, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using (var change = new NpgsqlCommand(migration.Sql, connection, transaction))
            {
                await change.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await using var record = new NpgsqlCommand(
                "insert into schema_migrations (version, name, checksum) values ($1, $2, $3)", connection, transaction)
            {
                Parameters =
                {
                    new NpgsqlParameter { Value = migration.Version },
                    new NpgsqlParameter { Value = migration.Name },
                    new NpgsqlParameter { Value = migration.Checksum },
                },
            };
            await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException ex)
        {
            // Disposing the transaction rolls it back: none of this migration's statements remain.
            throw new MigrationException(
                migration.Name, $"Migration {migration.Name} failed and was rolled back: {ex.Message}", ex);
        }
    }

    private static async Task<Dictionary<int, (string Name, string Checksum)>> ReadAppliedAsync(
        NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var applied = new Dictionary<int, (string, string)>();
        await using var command = new NpgsqlCommand("select version, name, checksum from schema_migrations", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            applied[reader.GetInt32(0)] = (reader.GetString(1), reader.GetString(2));
        }

        return applied;
    }

    private async Task UnlockAsync(NpgsqlConnection connection)
    {
        // Explicit: a pooled connection keeps its session, and with it the lock, after being returned.
        if (connection.State != System.Data.ConnectionState.Open)
        {
            return; // broken: the session, and its lock, are gone
        }

        try
        {
            await ExecuteAsync(connection, AdvisoryLocks.MigrationUnlockSql, CancellationToken.None)
                .ConfigureAwait(false);
        }
        catch (NpgsqlException ex)
        {
            // The session is gone (and its lock with it); the failure that got us here matters more.
            _logger.LogDebug(ex, "Could not release the migration lock explicitly");
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
