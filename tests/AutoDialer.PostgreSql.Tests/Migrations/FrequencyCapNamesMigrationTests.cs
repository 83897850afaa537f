using System.Text.Json.Nodes;
using AutoDialer.Core.Dispatch;
using AutoDialer.PostgreSql.Campaigns;
using AutoDialer.PostgreSql.Migrations;
using AutoDialer.Testing;
using Dapper;

namespace AutoDialer.PostgreSql.Tests.Migrations;

/// <summary>
/// 015 renames the frequency caps inside stored settings from the names SnakeCaseLower made (<c>per24_hours</c>) to
/// the documented ones the API now takes (<c>per_24_hours</c>), and drops what was derived (<c>lookback</c>,
/// <c>any_on</c>): settings are read strictly, so every document the earlier versions wrote must read after migrate,
/// with the same caps.
/// </summary>
[Collection("postgres")]
public sealed class FrequencyCapNamesMigrationTests(PostgresFixture postgres)
{
    /// <summary>The members around the caps, as versions before 015 wrote them; CAPS marks where the caps went.</summary>
    private const string Template = """
        {"schedule":{"time_zone_id":"Asia/Shanghai","windows":[{"day":"monday","start":"09:00:00","end":"21:00:00"}],"blackout_dates":[]},
         "retry":{"delays":{"busy":"00:30:00","no_answer":"02:00:00","rejected":"02:00:00","failed":"00:10:00","unknown":"00:30:00"},
                  "max_attempts":3,"max_attempts_per_day":2,"final_outcomes":["answered","blacklisted","invalid"]},
         "rotation":{"kind":"round_robin","cooldown":"00:00:00","daily_cap":0,"answer_rate_window":20,"min_answer_rate":0.05,"rest_for":"02:00:00"},
         "caller_numbers":[{"id":"n1","number":"+861062345678","area_code":"010","daily_cap":0}],
         CAPS
         "agent_ids":["1001"],"provider_account":"udesk","nightly_batch_cron":"0 0 2 * * ?"}
        """;

    /// <summary>Documents exactly as versions before 015 wrote them (<c>CampaignSettings.ToJson</c>), and the caps each holds.</summary>
    public static TheoryData<string, int?, int?, int?> EarlierDocuments => new()
    {
        { Caps("""{"per24_hours":2,"per7_days":5,"per_caller_number_per24_hours":1,"lookback":"7.00:00:00","any_on":true}"""), 2, 5, 1 },
        { Caps("""{"per24_hours":3,"per7_days":0,"per_caller_number_per24_hours":0,"lookback":"1.00:00:00","any_on":true}"""), 3, 0, 0 },
        { Caps("""{"per24_hours":0,"per7_days":0,"per_caller_number_per24_hours":0,"lookback":"00:00:00","any_on":false}"""), 0, 0, 0 },
        { Caps("null"), null, null, null },
        { Stored(""), null, null, null },
        { "{}", null, null, null }, // a campaign an import created: the defaults in its time zone
    };

    private static string Caps(string caps) => Stored($"\"frequency_caps\":{caps},");

    private static string Stored(string caps) => Template.Replace("CAPS", caps, StringComparison.Ordinal);

    [Theory]
    [MemberData(nameof(EarlierDocuments))]
    public async Task A_document_stored_before_015_reads_with_the_same_caps_after_migrate(string stored, int? per24Hours, int? per7Days, int? perCallerNumber)
    {
        var dataSource = await postgres.CreateEmptyDatabaseAsync("migrate_015");
        await new MigrationRunner(Migration.FromEmbeddedResources().Where(m => m.Version < 15), installsJobStorage: true)
            .ApplyAsync(dataSource, CancellationToken.None);
        await using (var connection = await dataSource.OpenConnectionAsync())
            await connection.ExecuteAsync("insert into campaigns (name, settings) values ('earlier', @stored::jsonb)", new { stored });

        await new MigrationRunner().ApplyAsync(dataSource, CancellationToken.None);

        var campaign = Assert.Single(await new CampaignStore(dataSource).ListAsync());
        Assert.Equal(per24Hours is null ? null : new FrequencyCaps { Per24Hours = per24Hours.Value, Per7Days = per7Days!.Value, PerCallerNumberPer24Hours = perCallerNumber!.Value },
            campaign.Settings.FrequencyCaps);
        await using var read = await dataSource.OpenConnectionAsync();
        var migrated = JsonNode.Parse(await read.QuerySingleAsync<string>("select settings::text from campaigns"))!.AsObject();
        var earlier = JsonNode.Parse(stored)!.AsObject();
        // Only the caps' names changed: every other member is as it was.
        Assert.True(JsonNode.DeepEquals(Without(earlier, "frequency_caps"), Without(migrated, "frequency_caps")), migrated.ToJsonString());
        if (per24Hours is not null)
            Assert.Equal(["per_24_hours", "per_7_days", "per_caller_number_per_24_hours"], migrated["frequency_caps"]!.AsObject().Select(p => p.Key).Order());
    }

    private static JsonObject Without(JsonObject json, string member)
    {
        var copy = json.DeepClone().AsObject();
        copy.Remove(member);
        return copy;
    }
}
