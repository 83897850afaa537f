using System.Diagnostics;
using AutoDialer.Testing;
using Npgsql;

namespace AutoDialer.PostgreSql.Tests.Migrations;

/// <summary>
/// <c>sql/schema.sql</c> is today's whole schema in one file, for reading (the migrations are the truth, applied in
/// order): <c>pg_dump --schema-only</c> of a freshly migrated database, AutoDialer's own tables (Hangfire's schema is
/// Hangfire.PostgreSql's). This test fails when a migration changed the schema and the file was not regenerated:
/// <c>AUTODIALER_WRITE_SCHEMA=1 dotnet test tests/AutoDialer.PostgreSql.Tests --filter SchemaFileTests</c> rewrites it.
/// </summary>
[Collection("postgres")]
public sealed class SchemaFileTests(PostgresFixture postgres)
{
    [Fact]
    public async Task The_schema_file_is_the_schema_the_migrations_make()
    {
        var db = await postgres.CreateDatabaseAsync("schema_file");
        var dumped = await DumpAsync(new NpgsqlConnectionStringBuilder(postgres.ConnectionStringOf(db)));
        var file = Path.Combine(RepositoryRoot(), "sql", "schema.sql");

        if (Environment.GetEnvironmentVariable("AUTODIALER_WRITE_SCHEMA") == "1")
            await File.WriteAllTextAsync(file, dumped);

        Assert.True(File.Exists(file), $"{file} is missing; generate it with AUTODIALER_WRITE_SCHEMA=1 (see this test's summary)");
        var stored = (await File.ReadAllTextAsync(file)).ReplaceLineEndings("\n");
        Assert.True(stored == dumped,
            "sql/schema.sql is stale: the migrations make another schema. Regenerate it with AUTODIALER_WRITE_SCHEMA=1 (see this test's summary).");
    }

    private static async Task<string> DumpAsync(NpgsqlConnectionStringBuilder connection)
    {
        var start = new ProcessStartInfo(PgDump()) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "--schema-only", "--no-owner", "--no-privileges", "--exclude-schema=hangfire",
                     "-h", connection.Host!, "-p", connection.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "-U", connection.Username!, "-d", connection.Database! })
            start.ArgumentList.Add(argument);
        start.Environment["PGPASSWORD"] = connection.Password;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"pg_dump failed: {await error}");
        // Only what the migrations decide: not the dumping server's or tool's version, nor a per-run token.
        var lines = (await output).ReplaceLineEndings("\n").Split('\n')
            .Where(l => !l.StartsWith("-- Dumped from", StringComparison.Ordinal) && !l.StartsWith("-- Dumped by", StringComparison.Ordinal)
                        && !l.StartsWith("\\restrict", StringComparison.Ordinal) && !l.StartsWith("\\unrestrict", StringComparison.Ordinal));
        return Header + string.Join('\n', lines);
    }

    private const string Header =
        "-- Today's whole AutoDialer schema, for reading: generated from a database migrated by sql/NNN_*.sql (pg_dump --schema-only,\n" +
        "-- without Hangfire's schema \"hangfire\"). Never applied; the migrations are the truth. A test fails when it is stale.\n";

    private static string PgDump() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Select(d => Path.Combine(d, "pg_dump")).FirstOrDefault(File.Exists)
        ?? Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0)
            .Select(d => Path.Combine(d, "bin", "pg_dump")).FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException("pg_dump not found (apt-get install postgresql-client)");

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "AutoDialer.sln"))) return directory.FullName;
        }
        throw new InvalidOperationException("the repository root (AutoDialer.sln) is not above " + AppContext.BaseDirectory);
    }
}
