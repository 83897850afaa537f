using AutoDialer.Core.Import;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AutoDialer.AspNetCore;

/// <summary>
/// Starts loading libphonenumber's metadata (about a quarter of a second, once a process) when the node starts, without
/// holding the start up: the node's first import and its first caller number's place then find it loaded.
/// </summary>
internal sealed class NumberMetadataWarmUp(ILogger<NumberMetadataWarmUp> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = PhoneNumberMetadata.LoadAsync().ContinueWith(
            load => logger.LogWarning(load.Exception, "Loading the number metadata at start failed; the first import loads it again"),
            CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
