using System.Net.WebSockets;
using AutoDialer.Telephony.Bridge;

namespace AutoDialer.AspNetCore.Bridge;

/// <summary>Sends bridge messages on a WebSocket, one at a time (a WebSocket allows only one send in flight).</summary>
internal sealed class WebSocketBridgeTransport(WebSocket socket) : IBridgeTransport, IDisposable
{
    private readonly SemaphoreSlim _sending = new(1, 1);

    public async ValueTask SendAsync(ReadOnlyMemory<byte> utf8Json, CancellationToken cancellationToken)
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

    public void Dispose() => _sending.Dispose();
}
