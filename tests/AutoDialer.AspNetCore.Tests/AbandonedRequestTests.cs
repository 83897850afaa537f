using System.Collections.Concurrent;
using AutoDialer.Testing;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AutoDialer.AspNetCore.Tests;

/// <summary>
/// A client that gives up on its request (a timeout, a closed tab) cancels the request's database read. That is not the
/// database being away: no "the database is unavailable", no 503, and the connection pool is left alone.
/// </summary>
[Collection("postgres")]
public sealed class AbandonedRequestTests(PostgresFixture postgres)
{
    [Fact]
    public async Task A_request_its_client_abandoned_mid_read_is_not_taken_for_a_database_outage()
    {
        var logs = new WarningRecorder();
        var finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await ApiServer.StartAsync(postgres, services: s =>
        {
            s.AddSingleton<ILoggerProvider>(logs);
            s.AddSingleton<IStartupFilter>(new SignalWhenDone("/api/dnc", finished));
        });
        await using var holder = await server.Db.OpenConnectionAsync();
        await using var hold = await holder.BeginTransactionAsync();
        await holder.ExecuteAsync("lock table dnc in access exclusive mode", transaction: hold);

        // The request's read waits behind the lock; then its client gives up.
        using var abandon = new CancellationTokenSource();
        var request = server.Client.GetAsync("api/dnc", abandon.Token);
        await UntilAsync(async () => await holder.ExecuteScalarAsync<long>("select count(*) from pg_locks where not granted", transaction: hold) > 0);
        await abandon.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => request);
        await finished.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await hold.RollbackAsync();

        Assert.DoesNotContain(logs.Lines, l => l.Contains("database is unavailable", StringComparison.Ordinal));
        await server.GetJsonAsync("api/dnc");
    }

    /// <summary>
    /// The filter's own rule, with the failure Npgsql throws when it has to break a connection mid-read (the shape a
    /// read stopped by its caller can take): once the request is aborted, that is not an outage.
    /// </summary>
    [Fact]
    public async Task The_filter_does_not_answer_503_nor_empty_the_pool_for_a_request_whose_client_has_gone()
    {
        var logs = new WarningRecorder();
        await using var dataSource = Npgsql.NpgsqlDataSource.Create("Host=127.0.0.1;Database=none");
        var filter = new Api.DatabaseUnavailableFilter(dataSource, new LoggerFactory([logs]).CreateLogger<Api.DatabaseUnavailableFilter>());
        using var aborted = new CancellationTokenSource();
        await aborted.CancelAsync();
        var context = new DefaultEndpointFilterInvocationContext(new DefaultHttpContext { RequestAborted = aborted.Token });

        var broken = new Npgsql.NpgsqlException("Exception while reading from stream", new IOException("Unable to read data from the transport connection"));
        var thrown = await Record.ExceptionAsync(async () => await filter.InvokeAsync(context, _ => throw broken));

        Assert.Same(broken, thrown);
        Assert.Empty(logs.Lines);
    }

    private static async Task UntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the request never waited on the lock");
            await Task.Delay(20);
        }
    }

    /// <summary>Completes <paramref name="done"/> when a request to <paramref name="path"/> has been handled, however it ended.</summary>
    private sealed class SignalWhenDone(string path, TaskCompletionSource done) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (HttpContext context, RequestDelegate inner) =>
            {
                try
                {
                    await inner(context);
                }
                finally
                {
                    if (context.Request.Path.StartsWithSegments(path, StringComparison.Ordinal)) done.TrySetResult();
                }
            });
            next(app);
        };
    }

    private sealed class WarningRecorder : ILoggerProvider
    {
        public ConcurrentQueue<string> Lines { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Recorder(Lines);

        public void Dispose()
        {
        }

        private sealed class Recorder(ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(logLevel)) lines.Enqueue(formatter(state, exception));
            }
        }
    }
}
