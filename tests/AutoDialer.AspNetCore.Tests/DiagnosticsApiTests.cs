using System.Net;
using System.Text.Json;
using AutoDialer.Core.Campaigns;
using AutoDialer.Dialing.Tests;
using AutoDialer.PostgreSql.Campaigns;
using AutoDialer.Testing;
using Dapper;

namespace AutoDialer.AspNetCore.Tests;

/// <summary><c>GET /api/campaigns/{id}/diagnostics</c>: why a campaign is not dialling, by reason.</summary>
[Collection("postgres")]
public sealed class DiagnosticsApiTests(PostgresFixture postgres) : IAsyncLifetime
{
    private ApiServer server = null!;

    public async Task InitializeAsync() => server = await ApiServer.StartAsync(postgres);
    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task Every_contact_that_cannot_be_dialled_is_counted_under_its_reason()
    {
        var id = await DialingRig.CreateRunningCampaignAsync(server.Db, "why-not", contacts: 8, DialingRig.Settings(["agent-1"], maxAttempts: 3));
        await using (var connection = await server.Db.OpenConnectionAsync())
        {
            var phones = (await connection.QueryAsync<string>("select phone from contacts where campaign_id = @id order by id", new { id })).ToArray();
            await connection.ExecuteAsync("""
                update contacts set next_due_at = now() - interval '1 minute' where campaign_id = @id;
                update contacts set state = 'suppressed' where phone = @p0;
                update contacts set state = 'deferred', attempts = 3, attempts_today = 3 where phone = @p1;
                update contacts set next_due_at = now() + interval '1 hour', wait_reason = 'frequency_cap' where phone = @p2;
                update contacts set next_due_at = now() + interval '1 hour' where phone = @p3;
                insert into dnc (phone, source) values (@p4, 'manual');
                update contacts set attempts = 3 where phone = @p5;
                """, new { id, p0 = phones[0], p1 = phones[1], p2 = phones[2], p3 = phones[3], p4 = phones[4], p5 = phones[5] });
        }

        var diagnostics = await server.GetJsonAsync($"api/campaigns/{id}/diagnostics");

        var reasons = diagnostics.GetProperty("reasons");
        Assert.Equal(2, reasons.GetProperty("do_not_call").GetInt64()); // one suppressed, one listed while pending
        Assert.Equal(1, reasons.GetProperty("daily_cap").GetInt64());
        Assert.Equal(1, reasons.GetProperty("frequency_cap").GetInt64());
        Assert.Equal(1, reasons.GetProperty("waiting_for_retry").GetInt64());
        Assert.Equal(1, reasons.GetProperty("budget_exhausted").GetInt64());
        // The last two could be dialled, but this node has no idle agent of the campaign.
        Assert.Equal(2, reasons.GetProperty("no_agent_idle").GetInt64());
        Assert.Equal(8, diagnostics.GetProperty("blocked").GetInt64());
        Assert.Equal(0, diagnostics.GetProperty("ready").GetInt64());
    }

    [Fact]
    public async Task A_paused_campaign_s_waiting_contacts_are_counted_as_not_running()
    {
        var id = await DialingRig.CreateRunningCampaignAsync(server.Db, "paused", contacts: 3, DialingRig.Settings(["agent-1"]));
        await new CampaignStore(server.Db).TransitionAsync(id, CampaignCommand.Pause);

        var diagnostics = await server.GetJsonAsync($"api/campaigns/{id}/diagnostics");

        Assert.Equal("paused", diagnostics.GetProperty("campaign_state").GetString());
        Assert.Equal(3, diagnostics.GetProperty("reasons").GetProperty("campaign_not_running").GetInt64());
    }

    [Fact]
    public async Task The_attempts_search_shows_each_contact_s_own_reason_and_when_it_may_be_dialled_next()
    {
        var id = await DialingRig.CreateRunningCampaignAsync(server.Db, "own-reason", contacts: 1, DialingRig.Settings(["agent-1"]));
        await using var connection = await server.Db.OpenConnectionAsync();
        var phone = await connection.ExecuteScalarAsync<string>("select phone from contacts where campaign_id = @id", new { id });
        await Seed.AttemptAsync(server.Db, id, phone!, "agent-1", "no_answer", DateTimeOffset.UtcNow.AddMinutes(-30));
        var due = DateTime.UtcNow.AddHours(5);
        await connection.ExecuteAsync("update contacts set next_due_at = @due, wait_reason = 'frequency_cap' where campaign_id = @id", new { id, due });

        var rows = await server.PostJsonAsync($"api/campaigns/{id}/attempts/search", new { limit = 10 }, HttpStatusCode.OK);

        var row = Assert.Single(rows.EnumerateArray());
        Assert.Equal("pending", row.GetProperty("contact_state").GetString());
        Assert.Equal("frequency_cap", row.GetProperty("contact_wait_reason").GetString());
        Assert.Equal(due, row.GetProperty("contact_next_due_at").GetDateTime().ToUniversalTime(), TimeSpan.FromMilliseconds(1));
    }

    [Fact]
    public async Task An_unknown_campaign_is_a_404()
    {
        using var response = await server.Client.GetAsync("api/campaigns/987654/diagnostics");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
