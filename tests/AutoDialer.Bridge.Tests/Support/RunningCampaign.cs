using AutoDialer.Core.Campaigns;
using AutoDialer.PostgreSql.Campaigns;
using AutoDialer.PostgreSql.Import;
using AutoDialer.Testing;
using Npgsql;

namespace AutoDialer.Bridge.Tests.Support;

/// <summary>A campaign dialling <paramref name="Numbers"/> through one account's agents, started, in a <see cref="BridgeHost"/>'s database.</summary>
public sealed record RunningCampaign(long Id, IReadOnlyList<string> Numbers)
{
    public static Task<RunningCampaign> StartAsync(BridgeHost host, string account, string agentId, params string[] numbers) =>
        StartAsync(host, account, agentId, settings => settings, numbers);

    internal static async Task<RunningCampaign> StartAsync(BridgeHost host, string account, string agentId,
        Func<CampaignSettings, CampaignSettings> configure, params string[] numbers)
    {
        var campaigns = new CampaignStore(host.Database);
        var settings = configure(CampaignSettings.Default("Asia/Shanghai") with
        {
            Schedule = CallingSchedule.Always("Asia/Shanghai"),
            ProviderAccount = account,
            AgentIds = [agentId],
        });
        var campaign = await campaigns.CreateAsync("c-" + Guid.NewGuid().ToString("N")[..8], settings);
        using var files = new ListFiles();
        var list = files.Write("contacts.csv", "phone,name\n" + string.Join('\n', numbers.Select((n, i) => $"{n},Customer {i}")) + "\n");
        await new ContactListImporter(host.Database).ImportAsync(list, campaign.Name);
        await campaigns.TransitionAsync(campaign.Id, CampaignCommand.Start);
        return new RunningCampaign(campaign.Id, numbers);
    }

    public static async Task<long> ScalarAsync(NpgsqlDataSource database, string sql, params object[] values)
    {
        await using var command = database.CreateCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The dialing engine and the database are the only witnesses of progress and neither signals a test, so this is a
    /// bounded poll (every 100 ms, at most <paramref name="limit"/>) of a count the test names.
    /// </summary>
    public static async Task<long> UntilAsync(NpgsqlDataSource database, Func<long, bool> done, TimeSpan limit, string sql, params object[] values)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var value = await ScalarAsync(database, sql, values);
            if (done(value) || clock.Elapsed > limit) return value;
            await Task.Delay(100);
        }
    }
}
