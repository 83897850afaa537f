using AutoDialer.Core.Campaigns;
using AutoDialer.Core.Dispatch;
using AutoDialer.PostgreSql.Campaigns;
using AutoDialer.PostgreSql.Dispatch;
using AutoDialer.PostgreSql.Import;
using AutoDialer.Testing;
using Dapper;

namespace AutoDialer.PostgreSql.Tests.Dispatch;

/// <summary>Local presence end to end: the place stored at import, the caller numbers' places, the lease's choice.</summary>
[Collection("postgres")]
public sealed class LocalPresenceLeaseTests(PostgresFixture postgres) : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 18, 2, 0, 0, TimeSpan.Zero);
    private readonly ListFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task Mobiles_are_called_from_a_number_of_their_home_city_where_the_campaign_has_one()
    {
        var dataSource = await postgres.CreateDatabaseAsync("local_presence_mobiles");
        string[] agents = ["a1", "a2", "a3", "a4"];
        var settings = DialingSeed.Settings(agents,
            [new CallerNumber("bj", "+861062345678"), new CallerNumber("sh", "+862162345678"), new CallerNumber("sz", "+8675512345678")])
            with { Rotation = new RotationPolicy { Kind = RotationKind.LocalPresence } };
        var store = new CampaignStore(dataSource);
        var campaign = await store.CreateAsync("local", settings);
        await store.TransitionAsync(campaign.Id, CampaignCommand.Start);
        // Mobiles of 北京, 上海, 深圳 and 杭州 (no caller number there), placed by the metadata at import.
        var list = _files.Write("mobiles.csv", "phone\n13900285678\n13900145678\n13902315678\n13905815678\n");
        await new ContactListImporter(dataSource).ImportAsync(list, "local");
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync("update contacts set next_due_at = @due", new { due = Now.AddMinutes(-5).UtcDateTime });

        var leases = await new DispatchStore(dataSource, new CampaignSettingsCache())
            .LeaseAsync(new RunningCampaign(campaign.Id, campaign.Name, settings), DialingSeed.Account, agents, "node-1", Now, CancellationToken.None);

        var byCallee = leases.ToDictionary(l => l.Phone, l => l.CallerNumberId);
        Assert.Equal("bj", byCallee["+8613900285678"]);
        Assert.Equal("sh", byCallee["+8613900145678"]);
        Assert.Equal("sz", byCallee["+8613902315678"]);
        Assert.Contains(byCallee["+8613905815678"], new[] { "bj", "sh", "sz" });
        var places = await connection.QueryAsync<(string id, string? city)>("select id, city from caller_numbers order by id");
        Assert.Equal([("bj", "北京市"), ("sh", "上海市"), ("sz", "深圳市")], places);
    }
}
