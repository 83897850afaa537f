using AutoDialer.Core.Dispatch;
using AutoDialer.Core.Dispositions;
using AutoDialer.Core.StoredWords;
using AutoDialer.Dialing.Dispatch;
using AutoDialer.PostgreSql.Dispatch;
using AutoDialer.Testing;
using Dapper;

namespace AutoDialer.Dialing.Tests.Agents;

/// <summary>Agents' complaint and wrong-number dispositions in the health of the caller number each call showed, through the engine on a real database.</summary>
[Collection("postgres")]
public sealed class CallerNumberDispositionHealthTests(PostgresFixture postgres)
{
    private static readonly string[] Agents = ["a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8"];

    [Fact]
    public async Task Complaints_and_wrong_numbers_past_the_campaigns_maximum_flag_the_number_that_showed_and_rest_it()
    {
        var db = await postgres.CreateDatabaseAsync("number_dispositions");
        var campaign = await AgentSideRig.CampaignAsync(db, "complaints", contacts: 12, Agents, s => s with
        {
            CallerNumbers = [new CallerNumber("n1", "+862161230001", "021"), new CallerNumber("n2", "+862161230002", "021")],
            // Answer rate resting off: only the dispositions may rest a number here.
            Rotation = new RotationPolicy
            {
                Kind = RotationKind.RoundRobin, MinAnswerRate = 0, RestFor = TimeSpan.FromHours(2),
                Health = new NumberHealthPolicy { MaxComplaints = 1, MaxWrongNumbers = 1 },
            },
            Dispositions = new DispositionPolicy
            {
                Codes = [.. DispositionPolicy.DefaultCodes, new DispositionCode("complained", "投诉", "Complained", DispositionEffect.FinalFailure, Complaint: true)],
            },
        });
        await using var rig = await AgentSideRig.StartAsync(db, Agents);
        Assert.All(await rig.DispatchTogetherAsync(Agents), outcome => Assert.Equal(DispatchOutcome.Dialled, outcome));
        var calls = Agents.Select(rig.LastDialled).ToList();
        foreach (var call in calls)
            await rig.HangUpAsync(call);
        await using var connection = await db.OpenConnectionAsync();
        var shown = (await connection.QueryAsync<(long id, string number)>("select id, caller_number_id from attempts where id = any(@calls) order by id",
            new { calls = calls.ToArray() })).ToLookup(a => a.number, a => a.id);
        Assert.Equal((4, 4), (shown["n1"].Count(), shown["n2"].Count()));

        // n1: two complaints and two wrong numbers, past the maximum of one each; n2: one of each, not past it.
        string[] n1Codes = ["complained", "complained", "wrong_number", "wrong_number"], n2Codes = ["complained", "wrong_number", "not_interested", "success"];
        foreach (var (call, code) in shown["n1"].Zip(n1Codes).Concat(shown["n2"].Zip(n2Codes)))
        {
            var agent = Agents[calls.IndexOf(call)];
            var answer = await rig.RecordAsync(agent, call, code);
            Assert.True(answer.Accepted, answer.Message);
        }

        var numbers = (await new CallerNumberBoard(db).ListAsync(campaign)).ToDictionary(n => n.Id);
        Assert.Equal((2, 2, $"{HealthFlags.Complaints} {HealthFlags.WrongNumbers}"),
            (numbers["n1"].RecentComplaints, numbers["n1"].RecentWrongNumbers, string.Join(' ', numbers["n1"].Flags)));
        Assert.Equal((1, 1, ""), (numbers["n2"].RecentComplaints, numbers["n2"].RecentWrongNumbers, string.Join(' ', numbers["n2"].Flags)));
        Assert.Equal(AgentSideRig.Start.AddHours(2).UtcDateTime, numbers["n1"].RestedUntil);
        Assert.Null(numbers["n2"].RestedUntil);

        // Resting: the next calls all show n2.
        Assert.All(await rig.DispatchTogetherAsync("a1", "a2", "a3", "a4"), outcome => Assert.Equal(DispatchOutcome.Dialled, outcome));
        var next = new[] { "a1", "a2", "a3", "a4" }.Select(rig.LastDialled).ToArray();
        Assert.Equal(["n2", "n2", "n2", "n2"], await connection.QueryAsync<string>("select caller_number_id from attempts where id = any(@next)", new { next }));
    }
}
