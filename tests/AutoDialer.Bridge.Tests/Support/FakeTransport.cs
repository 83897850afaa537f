using System.Text.Json;
using System.Threading.Channels;
using AutoDialer.Telephony.Bridge;

namespace AutoDialer.Bridge.Tests.Support;

/// <summary>A page's end of the bridge without a page: keeps every message sent, in order, to be read by the test.</summary>
public sealed class FakeTransport : IBridgeTransport
{
    private readonly Channel<JsonElement> _sent = Channel.CreateUnbounded<JsonElement>();

    public bool FailSends { get; set; }

    public ValueTask SendAsync(ReadOnlyMemory<byte> utf8Json, CancellationToken cancellationToken)
    {
        if (FailSends)
        {
            throw new IOException("the socket is gone");
        }

        _sent.Writer.TryWrite(JsonDocument.Parse(utf8Json).RootElement.Clone());
        return ValueTask.CompletedTask;
    }

    /// <summary>The next command sent, or a failure after the timeout.</summary>
    public async Task<JsonElement> NextCommandAsync(TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var message = await _sent.Reader.ReadAsync(cancel.Token);
            if (message.GetProperty("type").GetString() == BridgeProtocol.Command)
            {
                return message;
            }
        }
    }

    public bool TryTakeCommand(out JsonElement command)
    {
        while (_sent.Reader.TryRead(out command))
        {
            if (command.GetProperty("type").GetString() == BridgeProtocol.Command)
            {
                return true;
            }
        }

        return false;
    }
}
