using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
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
        using (var first = Node.Start("node-a", connectionString, shared.Path, home.Path))
        {
            await first.UntilListeningAsync(Bound);
            using var client = new HttpClient { BaseAddress = first.Address, Timeout = TimeSpan.FromSeconds(120) };
            var campaign = await ApiServer.ReadAsync(await client.PostAsync("api/campaigns", ApiServer.Json(new { name = "crash" })), HttpStatusCode.Created);
            var list = new StringBuilder("phone,name\n", Rows * 20);
            for (var i = 0; i < Rows; i++) list.Append("138").Append((10_000_000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(",n\n");
            var upload = await ApiServer.ReadAsync(await client.PostAsync($"api/campaigns/{campaign.GetProperty("id").GetInt64()}/uploads",
                ApiServer.FileForm(Encoding.UTF8.GetBytes(list.ToString()), "big.csv")), HttpStatusCode.Accepted);
            uploadId = upload.GetProperty("id").GetInt64();

            // Kill it once its import has read rows (the import reports its progress on the upload as it goes).
            await UntilAsync(db, "select rows_read > 0 and status = 'importing' from list_uploads where id = @uploadId", new { uploadId }, "the import under way");
            first.Kill();
        }
        await using (var read = await db.OpenConnectionAsync())
            Assert.Equal("importing", await read.ExecuteScalarAsync<string>("select status from list_uploads where id = @uploadId", new { uploadId }));

        using var second = Node.Start("node-b", connectionString, shared.Path, home.Path);
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

    /// <summary><c>autodialer serve</c> as a child process, killed with SIGKILL as a crash would.</summary>
    private sealed class Node : IDisposable
    {
        private readonly Process process;

        private Node(Process process, Uri address)
        {
            this.process = process;
            Address = address;
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        public Uri Address { get; }

        public static Node Start(string name, string connectionString, string uploads, string home)
        {
            var port = FreePort();
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in new[] { HostBuild.Dll(), "serve", "--urls", $"http://127.0.0.1:{port}" })
                start.ArgumentList.Add(argument);
            start.Environment["AUTODIALER_DB"] = connectionString;
            start.Environment["AUTODIALER_HOME"] = home;
            start.Environment["AutoDialer__DataDirectory"] = uploads;
            start.Environment["AutoDialer__Dialing__Node"] = name;
            // A dead node's job is visible again this long after its last renewal (5 min by default).
            start.Environment["AutoDialer__JobInvisibilityTimeout"] = "00:00:10";
            return new Node(Process.Start(start)!, new Uri($"http://127.0.0.1:{port}/"));
        }

        /// <summary>Bounded poll of /healthz: the child announces nothing when it listens.</summary>
        public async Task UntilListeningAsync(TimeSpan limit)
        {
            using var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
            var clock = Stopwatch.StartNew();
            while (true)
            {
                Assert.False(process.HasExited, "serve exited");
                try
                {
                    using var response = await client.GetAsync("healthz");
                    if (response.IsSuccessStatusCode) return;
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                }
                Assert.True(clock.Elapsed < limit, $"serve not healthy within {limit}");
                await Task.Delay(200);
            }
        }

        public void Kill()
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        public void Dispose()
        {
            if (!process.HasExited) Kill();
            process.Dispose();
        }

        private static int FreePort()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            try
            {
                return ((IPEndPoint)listener.LocalEndpoint).Port;
            }
            finally
            {
                listener.Stop();
            }
        }
    }
}
