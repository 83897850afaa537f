using System.Net;
using AutoDialer.Testing;
using Dapper;

namespace AutoDialer.AspNetCore.Tests;

[Collection("postgres")]
public sealed class DatabaseRestartApiTests(PostgresFixture postgres) : IAsyncLifetime
{
    private const int PooledConnections = 10;

    private ApiServer server = null!;

    public async Task InitializeAsync() => server = await ApiServer.StartAsync(postgres);
    public async Task DisposeAsync() => await server.DisposeAsync();

    /// <summary>
    /// What a PostgreSQL restart leaves behind: every connection idle in the node's pool is dead (the server ended
    /// it: 57P01), and the pool hands them out as if alive. Found by the chaos run: the operator's resume after the
    /// database came back failed with a 500. A request that meets a dead connection is answered 503 with Retry-After
    /// and the pool is emptied, so the next request gets a fresh connection.
    /// </summary>
    [Fact]
    public async Task After_the_database_ended_every_pooled_connection_a_request_gets_503_with_retry_after_and_the_next_one_succeeds()
    {
        // Fill the pool: parallel requests each hold a connection, then return it idle.
        await Task.WhenAll(Enumerable.Range(0, PooledConnections).Select(_ => server.Client.GetAsync("api/dnc")));
        await using (var admin = await server.Db.OpenConnectionAsync())
        {
            var ended = await admin.ExecuteScalarAsync<int>(
                "select count(*) from (select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()) t");
            Assert.True(ended > 1, $"the node's pool should have held connections; ended {ended}");
        }

        using var first = await server.Client.GetAsync("api/dnc");
        Assert.True(first.StatusCode == HttpStatusCode.ServiceUnavailable,
            $"expected 503, got {(int)first.StatusCode}: {await first.Content.ReadAsStringAsync()}");
        Assert.Equal(TimeSpan.FromSeconds(1), first.Headers.RetryAfter?.Delta);
        Assert.Contains("database is unavailable", await first.Content.ReadAsStringAsync());

        await server.GetJsonAsync("api/dnc");
        await server.PostJsonAsync("api/dnc", new { numbers = new[] { "13800138000" } }, HttpStatusCode.OK);
    }
}
