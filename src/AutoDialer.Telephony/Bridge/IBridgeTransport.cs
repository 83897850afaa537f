namespace AutoDialer.Telephony.Bridge;

/// <summary>Sends one JSON text message to the workbench page (the WebSocket, or a test's fake).</summary>
internal interface IBridgeTransport
{
    ValueTask SendAsync(ReadOnlyMemory<byte> utf8Json, CancellationToken cancellationToken);
}
