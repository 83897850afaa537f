using System.Net.WebSockets;
using System.Text;
using AutoDialer.AspNetCore.Bridge;

namespace AutoDialer.Bridge.Tests;

public sealed class WebSocketBridgeTransportTests
{
    [Fact]
    public async Task A_command_sent_before_the_welcome_goes_out_after_it()
    {
        var wire = new MemoryStream();
        using var socket = WebSocket.CreateFromStream(wire, isServer: true, subProtocol: null, keepAliveInterval: Timeout.InfiniteTimeSpan);
        using var transport = new WebSocketBridgeTransport(socket);

        var command = transport.SendAsync("""{"type":"command"}"""u8.ToArray(), CancellationToken.None).AsTask();
        Assert.False(command.IsCompleted);
        await transport.SendWelcomeAsync("""{"type":"welcome"}"""u8.ToArray(), CancellationToken.None);
        await command;

        Assert.Equal(["""{"type":"welcome"}""", """{"type":"command"}"""], Frames(wire.ToArray()));
    }

    [Fact]
    public async Task A_command_waiting_for_a_welcome_that_never_comes_fails_when_the_transport_is_disposed()
    {
        using var socket = WebSocket.CreateFromStream(new MemoryStream(), isServer: true, subProtocol: null, keepAliveInterval: Timeout.InfiniteTimeSpan);
        var transport = new WebSocketBridgeTransport(socket);
        var command = transport.SendAsync("""{"type":"command"}"""u8.ToArray(), CancellationToken.None).AsTask();

        transport.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => command);
    }

    // Server frames are unmasked; these payloads are short, so the length is the second byte.
    private static List<string> Frames(byte[] bytes)
    {
        var frames = new List<string>();
        for (var at = 0; at < bytes.Length; at += 2 + bytes[at + 1])
        {
            Assert.Equal(0x81, bytes[at]);
            frames.Add(Encoding.UTF8.GetString(bytes, at + 2, bytes[at + 1]));
        }
        return frames;
    }
}
