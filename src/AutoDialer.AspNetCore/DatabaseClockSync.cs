using AutoDialer.PostgreSql;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace AutoDialer.AspNetCore;

/// <summary>
/// Keeps the node's <see cref="DatabaseClock"/> set to PostgreSQL's: measured once before the node's other services start
/// (for at most <see cref="FirstMeasureLimit"/>, so a node whose database is away still starts), then every
/// <see cref="DatabaseClock.MeasureInterval"/>. Does nothing when the container's clock is another (an accelerated or
/// manual clock in the demo and tests keeps its own time on purpose).
/// </summary>
internal sealed class DatabaseClockSync(TimeProvider time, [FromKeyedServices(AutoDialerDataSource.ServiceKey)] NpgsqlDataSource dataSource,
    ILogger<DatabaseClockSync> logger) : BackgroundService
{
    /// <summary>How long a starting node waits for its first measurement (2 s).</summary>
    public static readonly TimeSpan FirstMeasureLimit = TimeSpan.FromSeconds(2);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        if (time is DatabaseClock clock)
            await MeasureAsync(clock, FirstMeasureLimit, cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (time is not DatabaseClock clock)
            return;
        using var timer = new PeriodicTimer(DatabaseClock.MeasureInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
            await MeasureAsync(clock, DatabaseClock.MeasureInterval / 2, stoppingToken);
    }

    private async Task MeasureAsync(DatabaseClock clock, TimeSpan limit, CancellationToken cancellationToken)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(limit);
        try
        {
            var offset = await clock.MeasureAsync(dataSource, bounded.Token);
            if (offset.Duration() >= DatabaseClock.Tolerance)
                logger.LogWarning("This node's clock is {Offset} off PostgreSQL's; AutoDialer reads PostgreSQL's time", offset);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            logger.LogWarning("The clock offset to PostgreSQL could not be measured ({Reason}); the last one ({Offset}) stays", e.Message, clock.Offset);
        }
    }
}
