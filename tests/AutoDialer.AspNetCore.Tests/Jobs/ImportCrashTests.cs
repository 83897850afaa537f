using System.Diagnostics;
using System.Net;
using System.Text;
using AutoDialer.Testing;
using Dapper;
using Npgsql;

namespace AutoDialer.AspNetCore.Tests.Jobs;

/// <summary>
/// An accepted upload is always imported or failed with a reason: a node killed in the middle of an import leaves the
/// job to another node (Hangfire's sliding invisibility: the dead node stops renewing it), and the import, one
/// transaction, starts again from the beginning there. The nodes share the upload folder (AutoDialer:DataDirectory).
/// </summary>
[Collection("postgres")]
public sealed class ImportCrashTests(PostgresFixture postgres)
{
    private const int Rows = 600_000;
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(150);

    [Fact]
    public async Task Killing_the_node_in_the_middle_of_an_import_leaves_the_upload_to_another_node_which_imports_it_whole()
    {
        var db = await postgres.CreateDatabaseAsync("import_crash");
        using var shared = new TemporaryDirectory("autodialer-crash-uploads-", TemporaryDirectory.Private);
        using var home = new TemporaryDirectory("autodialer-crash-home-", TemporaryDirectory.Private);
        var connectionString = postgres.ConnectionStringOf(db);

        long uploadId;
        await using (var first = StartNode("node-a", connectionString, shared.Path, home.Path))
        {
            await first.UntilHealthAsync(healthy: true, Bound);
            using var client = new HttpClient { BaseAddress = first.Url, Timeout = TimeSpan.FromSeconds(120) };
            var campaign = await ApiServer.ReadAsync(await client.PostAsync("api/campaigns", ApiServer.Json(new { name = "crash" })), HttpStatusCode.Created);
            var list = new StringBuilder("phone,name\n", Rows * 20);
            for (var i = 0; i < Rows; i++) list.Append("138").Append((10_000_000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(",n\n");
            var upload = await ApiServer.ReadAsync(await client.PostAsync($"api/campaigns/{campaign.GetProperty("id").GetInt64()}/uploads",
                ApiServer.FileForm(Encoding.UTF8.GetBytes(list.ToString()), "big.csv")), HttpStatusCode.Accepted);
            uploadId = upload.GetProperty("id").GetInt64();

            // Kill it once its import has read rows (the import reports its progress on the upload as it goes).
            await UntilAsync(db, "select rows_read > 0 and status = 'importing' from list_uploads where id = @uploadId", new { uploadId }, "the import under way");
            // SIGKILL, as a crash would.
            await first.KillAsync();
        }
        await using (var read = await db.OpenConnectionAsync())
            Assert.Equal("importing", await read.ExecuteScalarAsync<string>("select status from list_uploads where id = @uploadId", new { uploadId }));

        await using var second = StartNode("node-b", connectionString, shared.Path, home.Path);
        await UntilAsync(db, "select status = 'imported' from list_uploads where id = @uploadId", new { uploadId }, "the upload imported by the other node");

        await using var check = await db.OpenConnectionAsync();
        Assert.Equal(1, await check.ExecuteScalarAsync<int>("select count(*) from contact_lists"));
        Assert.Equal(Rows, await check.ExecuteScalarAsync<int>("select count(*) from contacts"));
    }

    /// <summary>Bounded poll of the database: the upload's state is written by another process, which no event announces here.</summary>
    private static async Task UntilAsync(NpgsqlDataSource db, string sql, object parameters, string what)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            await using (var connection = await db.OpenConnectionAsync())
            {
                if (await connection.ExecuteScalarAsync<bool?>(sql, parameters) == true) return;
            }
            Assert.True(clock.Elapsed < Bound, $"{what}: not within {Bound}");
            await Task.Delay(50);
        }
    }

    /// <summary><c>autodialer serve</c> as a child process named <paramref name="name"/>, sharing the upload folder.</summary>
    private static ServeProcess StartNode(string name, string connectionString, string uploads, string home) =>
        ServeProcess.Serve(FreePort.Next(), new Dictionary<string, string>
        {
            ["AUTODIALER_DB"] = connectionString,
            ["AUTODIALER_HOME"] = home,
            ["AutoDialer__DataDirectory"] = uploads,
            ["AutoDialer__Dialing__Node"] = name,
            // A dead node's job is visible again this long after its last renewal (5 min by default).
            ["AutoDialer__JobInvisibilityTimeout"] = "00:00:10",
        });
}
