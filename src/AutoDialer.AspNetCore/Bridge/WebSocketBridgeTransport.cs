using System.Net.WebSockets;
using AutoDialer.Telephony.Bridge;

namespace AutoDialer.AspNetCore.Bridge;

/// <summary>
/// Sends bridge messages on a WebSocket, one at a time (a WebSocket allows only one send in flight), the welcome first.
/// </summary>
internal sealed class WebSocketBridgeTransport(WebSocket socket) : IBridgeTransport, IDisposable
{
    private readonly SemaphoreSlim _sending = new(1, 1);

    // The dialer may send a command as soon as the session is connected, which is before the welcome has gone out;
    // such a command waits for it, so the page always hears the welcome first (a test saw a command overtake it).
    private readonly TaskCompletionSource _welcomed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Sends the welcome; messages given to <see cref="SendAsync"/> before it go out after it.</summary>
    public async ValueTask SendWelcomeAsync(ReadOnlyMemory<byte> welcome, CancellationToken cancellationToken)
    {
        try
        {
            await SendNowAsync(welcome, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _welcomed.TrySetResult();
        }
    }

    public async ValueTask SendAsync(ReadOnlyMemory<byte> utf8Json, CancellationToken cancellationToken)
    {
        await _welcomed.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        await SendNowAsync(utf8Json, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask SendNowAsync(ReadOnlyMemory<byte> utf8Json, CancellationToken cancellationToken)
    {
        await _sending.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await socket.SendAsync(utf8Json, WebSocketMessageType.Text, endOfMessage: true, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _sending.Release();
        }
    }

    public async Task CloseAsync(int status, string reason, CancellationToken cancellationToken)
    {
        await _sending.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await socket.CloseOutputAsync((WebSocketCloseStatus)status, reason, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The peer is gone already; nothing to tell it.
        }
        finally
        {
            _sending.Release();
        }
    }

    public void Dispose()
    {
        // A command still waiting for a welcome that never came is not sent.
        _welcomed.TrySetException(new ObjectDisposedException(nameof(WebSocketBridgeTransport)));
        _sending.Dispose();
    }
}
