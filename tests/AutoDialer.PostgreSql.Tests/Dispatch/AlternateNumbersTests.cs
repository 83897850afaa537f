using AutoDialer.Core.Campaigns;
using AutoDialer.Core.Dispatch;
using AutoDialer.Core.Settlement;
using AutoDialer.Core.StoredWords;
using AutoDialer.PostgreSql.Campaigns;
using AutoDialer.PostgreSql.DoNotCall;
using AutoDialer.PostgreSql.Dispatch;
using AutoDialer.PostgreSql.Import;
using AutoDialer.PostgreSql.Settlement;
using AutoDialer.Testing;
using Dapper;
using Npgsql;

namespace AutoDialer.PostgreSql.Tests.Dispatch;

/// <summary>
/// A contact's other numbers end to end: read from a list's phone2 / 备用电话 columns, deduplicated and checked against
/// the do-not-call list one by one, dialled after the current one fails or cannot be reached, within the contact's one
/// budget; the dial gate checks the number actually dialled.
/// </summary>
[Collection("postgres")]
public sealed class AlternateNumbersTests(PostgresFixture postgres) : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 18, 2, 0, 0, TimeSpan.Zero);
    private static readonly string[] Agent = ["a1"];
    private readonly ListFiles _files = new();

    public void Dispose() => _files.Dispose();

    /// <param name="staged">Through the staging table and set-based SQL (the path of lists over ~6.3 M numbers), forced
    /// here by an in-memory set of two numbers: the do-not-call list alone outgrows it.</param>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Each_other_number_is_normalised_deduplicated_and_checked_against_do_not_call_on_its_own(bool staged)
    {
        var dataSource = await postgres.CreateDatabaseAsync("alternates_import");
        await new DoNotCallList(dataSource).AddAsync(["+8613800138000", "+8613800138001", "+8613800138003"], "test");
        var list = _files.Write("alternates.csv", """
            姓名,手机号码,phone2,备用电话
            王伟,13900285678,139-0014-5678,+86 139 0231 5678
            李娜,13905815678,13900285678,13900145678
            张敏,13800138000,13800138001,13800138002
            刘洋,13800138003,,123
            """.ReplaceLineEndings("\r\n"));

        var importer = staged ? new ContactListImporter(dataSource) { MaxKeySlots = 2 } : new ContactListImporter(dataSource);
        var result = await importer.ImportAsync(list, "alternates");

        Assert.Equal((4, 3, 0, 0, 1), (result.Rows, result.Accepted, result.Rejected, result.Duplicates, result.Suppressed));
        await using var connection = await dataSource.OpenConnectionAsync();
        var alternates = await connection.QueryAsync<(string contact, int position, string phone)>("""
            select c.phone, a.position, a.phone from contact_alternates a join contacts c on c.id = a.contact_id
            order by c.line_no, a.position
            """);
        Assert.Equal(
            [
                ("+8613900285678", 1, "+8613900145678"),
                ("+8613900285678", 2, "+8613902315678"),
                // 李娜's other numbers are 王伟's: the first wins, as with phones. 张敏's listed one is left out.
                ("+8613800138000", 1, "+8613800138002"),
            ],
            alternates);
        // Each keeps what the metadata knows of it, for local presence once it is dialled.
        Assert.Equal("上海市", await connection.ExecuteScalarAsync<string>("select city from contact_alternates where phone = '+8613900145678'"));
        // 张敏's phone is listed but another number is not: pending (the gate moves it on). 刘洋 has nothing else to try.
        var states = await connection.QueryAsync<(string phone, string state, string attributes)>(
            "select phone, state, attributes::text from contacts order by line_no");
        Assert.Equal(["pending", "pending", "pending", "suppressed"], states.Select(s => s.state));
        // Nothing is lost: the cells stay with the contact as read, a number that is not one included.
        Assert.Contains("\"备用电话\": \"123\"", states.Last().attributes);
    }

    [Fact]
    public async Task After_the_campaigns_number_of_failures_on_one_number_the_next_is_dialled_and_the_budget_stays_the_contacts()
    {
        var (dataSource, campaign) = await CampaignAsync("alternates_failures", new RetryPolicy
        {
            MaxAttempts = 4,
            MaxAttemptsPerDay = 4,
            FailuresBeforeNextNumber = 2,
            Delays = new Dictionary<CallOutcome, TimeSpan> { [CallOutcome.NoAnswer] = TimeSpan.Zero, [CallOutcome.Busy] = TimeSpan.Zero, [CallOutcome.Rejected] = TimeSpan.Zero, [CallOutcome.Failed] = TimeSpan.Zero, [CallOutcome.Unknown] = TimeSpan.Zero },
        }, "phone,phone2\n13900285678,13900145678\n");

        var dialled = new List<string>();
        for (var call = 0; call < 5; call++)
        {
            var at = Now.AddMinutes(call);
            var leases = await LeaseAsync(dataSource, campaign, at);
            if (leases.Count == 0) break;
            dialled.Add(leases[0].Phone);
            await Settle(dataSource).SettleAsync([new AttemptSettlement(leases[0].AttemptId, CallOutcome.NoAnswer, 20, 0)], at, CancellationToken.None);
        }

        Assert.Equal(["+8613900285678", "+8613900285678", "+8613900145678", "+8613900145678"], dialled);
        await using var connection = await dataSource.OpenConnectionAsync();
        var contact = await connection.QuerySingleAsync<(string phone, string state, int attempts)>("select phone, state, attempts from contacts");
        Assert.Equal(("+8613900145678", "done", 4), contact);
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>("select count(*) from contact_alternates"));
    }

    [Fact]
    public async Task A_blacklisted_number_is_listed_alone_and_the_contact_goes_on_with_its_next_number()
    {
        var (dataSource, campaign) = await CampaignAsync("alternates_blacklist", new RetryPolicy { MaxAttempts = 3, MaxAttemptsPerDay = 3 },
            "phone,其他电话\n13900285678,13900145678\n");

        var first = await LeaseAsync(dataSource, campaign, Now);
        await Settle(dataSource).SettleAsync([new AttemptSettlement(first[0].AttemptId, CallOutcome.Blacklisted)], Now, CancellationToken.None);
        var second = await LeaseAsync(dataSource, campaign, Now.AddMinutes(1));

        Assert.Equal("+8613900285678", first[0].Phone);
        Assert.Equal("+8613900145678", Assert.Single(second).Phone);
        await using var connection = await dataSource.OpenConnectionAsync();
        Assert.Equal(["+8613900285678"], await connection.QueryAsync<string>("select phone from dnc order by phone"));
        Assert.Equal(2, await connection.ExecuteScalarAsync<int>("select attempts from contacts"));
    }

    [Fact]
    public async Task The_dial_gate_checks_the_number_actually_dialled_and_skips_a_listed_one_for_the_next()
    {
        var (dataSource, campaign) = await CampaignAsync("alternates_gate", new RetryPolicy(),
            "phone,phone2,备用电话\n13900285678,13900145678,13902315678\n");
        // Listed after the import: the phone (the gate must refuse it) and the first other number (it must be skipped).
        await new DoNotCallList(dataSource).AddAsync(["+8613900285678", "+8613900145678"], "test");

        var refused = await LeaseAsync(dataSource, campaign, Now);
        var next = await LeaseAsync(dataSource, campaign, Now.AddSeconds(1));

        Assert.Empty(refused);
        Assert.Equal("+8613902315678", Assert.Single(next).Phone);
        await using var connection = await dataSource.OpenConnectionAsync();
        Assert.Equal(["+8613902315678"], await connection.QueryAsync<string>("select phone from attempts"));
        Assert.Equal(1, await connection.ExecuteScalarAsync<int>("select attempts from contacts"));
    }

    private async Task<(NpgsqlDataSource DataSource, RunningCampaign Campaign)> CampaignAsync(string name, RetryPolicy retry, string csv)
    {
        var dataSource = await postgres.CreateDatabaseAsync(name);
        var settings = DialingSeed.Settings(Agent) with { Retry = retry, FrequencyCaps = FrequencyCaps.Off };
        var store = new CampaignStore(dataSource);
        var campaign = await store.CreateAsync(name, settings);
        await store.TransitionAsync(campaign.Id, CampaignCommand.Start);
        await new ContactListImporter(dataSource).ImportAsync(_files.Write(name + ".csv", csv), name);
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync("update contacts set next_due_at = @due", new { due = Now.AddMinutes(-5).UtcDateTime });
        return (dataSource, new RunningCampaign(campaign.Id, campaign.Name, settings));
    }

    private static Task<IReadOnlyList<DialLease>> LeaseAsync(NpgsqlDataSource dataSource, RunningCampaign campaign, DateTimeOffset now) =>
        new DispatchStore(dataSource, new CampaignSettingsCache()).LeaseAsync(campaign, DialingSeed.Account, Agent, "node-1", now, CancellationToken.None);

    private static SettlementStore Settle(NpgsqlDataSource dataSource) => new(dataSource, new CampaignSettingsCache());
}
