using AutoDialer.Testing;
using Dapper;

namespace AutoDialer.PostgreSql.Tests.Dispatch;

/// <summary>
/// Attempt ids are in the order they were drawn, whichever connection drew them: pooled connections are no longer reset
/// on their return (<see cref="AutoDialerDataSource"/>), so no <c>DISCARD SEQUENCES</c> throws away what a session cached,
/// and the sequence caches nothing (migration 029). Settlement's latest-attempt check and the cluster's reading of
/// attempts in time order rely on it.
/// </summary>
[Collection("postgres")]
public sealed class AttemptIdOrderTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Ids_drawn_on_two_open_sessions_in_turn_come_out_in_the_order_they_were_drawn()
    {
        var dataSource = await postgres.CreateDatabaseAsync("attempt_id_order");
        await using var first = await dataSource.OpenConnectionAsync();
        await using var second = await dataSource.OpenConnectionAsync();

        var drawn = new List<long>
        {
            await first.ExecuteScalarAsync<long>("select nextval('attempts_id_seq')"),
            await second.ExecuteScalarAsync<long>("select nextval('attempts_id_seq')"),
            await first.ExecuteScalarAsync<long>("select nextval('attempts_id_seq')"),
            await second.ExecuteScalarAsync<long>("select nextval('attempts_id_seq')"),
        };

        Assert.Equal(drawn.Order(), drawn);
    }
}
