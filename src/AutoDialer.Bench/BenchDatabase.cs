using AutoDialer.PostgreSql;
using AutoDialer.PostgreSql.Migrations;
using Npgsql;

namespace AutoDialer.Bench;

/// <summary>A fresh, migrated database on the same server for one benchmark run, dropped when the run ends.</summary>
internal sealed class BenchDatabase : IAsyncDisposable
{
    private readonly string _serverConnectionString;
    private readonly string _name;

    private BenchDatabase(string serverConnectionString, string name, string connectionString)
    {
        _serverConnectionString = serverConnectionString;
        _name = name;
        ConnectionString = connectionString;
        DataSource = AutoDialerDataSource.Create(connectionString);
    }

    public string ConnectionString { get; }
    public NpgsqlDataSource DataSource { get; }

    public static async Task<BenchDatabase> CreateAsync(string serverConnectionString, string work, CancellationToken cancellationToken)
    {
        var name = $"autodialer_bench_{work}_{Environment.ProcessId}_{DateTime.UtcNow:HHmmss}";
        await using (var admin = new NpgsqlConnection(serverConnectionString))
        {
            await admin.OpenAsync(cancellationToken);
            await using var create = new NpgsqlCommand($"create database {name}", admin);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
        var connectionString = new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = name }.ConnectionString;
        var database = new BenchDatabase(serverConnectionString, name, connectionString);
        await new MigrationRunner().ApplyAsync(database.DataSource, cancellationToken);
        return database;
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(_serverConnectionString);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"drop database if exists {_name} with (force)", admin);
        await drop.ExecuteNonQueryAsync();
    }
}
