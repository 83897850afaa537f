using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using AutoDialer.AspNetCore.Bridge;

namespace AutoDialer.Bridge.Tests.Support;

/// <summary>
/// A workbench page reduced to its wire: one real WebSocket to the host, the hello, and Udesk events sent with the
/// seq and timestamp a page gives them. Every message from the server is kept, in order, for the test to read.
/// </summary>
public sealed class SocketPage : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();
    private readonly Channel<JsonElement> _received = Channel.CreateUnbounded<JsonElement>();
    private readonly List<JsonElement> _seen = [];

    // Read while waiting for something else: the next wait for them finds them here (the server's order between, say, a
    // reply and the offer-ended it causes is not a promise).
    private readonly List<JsonElement> _unclaimed = [];
    private Task _receiving = Task.CompletedTask;

    private SocketPage(string agentId) => AgentId = agentId;

    public string AgentId { get; }

    /// <summary>The close status the server sent, once it closed.</summary>
    public int? CloseStatus { get; private set; }

    /// <summary>Every message read so far by the Wait… methods, in order.</summary>
    public IReadOnlyList<JsonElement> Seen => _seen;

    /// <summary>Connects, says hello with a fresh bridge token and waits for the welcome.</summary>
    public static async Task<SocketPage> ConnectAsync(BridgeHost host, string agentId)
    {
        using var http = host.CreateClient();
        return await ConnectAsync(http, agentId);
    }

    /// <summary>The same against any node: <paramref name="http"/>'s base address is the node's (a host in this
    /// process or an <c>autodialer serve</c> process), its Udesk account <see cref="BridgeHost.UdeskAccount"/>.</summary>
    public static async Task<SocketPage> ConnectAsync(HttpClient http, string agentId)
    {
        var response = await http.PostAsync($"/api/agents/{agentId}/bridge-token?providerAccount={BridgeHost.UdeskAccount}", null);
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
        var page = new SocketPage(agentId);
        var url = new Uri(http.BaseAddress!, BridgeEndpointRouteBuilderExtensions.SocketPath).ToString().Replace("http", "ws", StringComparison.Ordinal);
        await page._socket.ConnectAsync(new Uri(url), CancellationToken.None);
        page._receiving = page.ReceiveAsync();
        await page.SendAsync(new { type = "hello", token, provider = "udesk", agentId });
        await page.WaitForAsync("welcome");
        return page;
    }

    /// <summary>A Udesk AgentStateChanged with its seq; the same seq and time give the same event (a resend).</summary>
    public static object StateEvent(string agentId, long seq, DateTimeOffset at) => new
    {
        type = "event",
        seq,
        agentId,
        name = "AgentStateChanged",
        timestamp = at.ToUnixTimeMilliseconds(),
        payload = new { Code = "0000", Data = new { CurState = "idle", CurStateSubId = "0", OldState = "busy" }, Message = "", Visible = false },
    };

    public Task SendEventAsync(long seq, DateTimeOffset at) => SendAsync(StateEvent(AgentId, seq, at));

    public Task SendAsync(object message) =>
        _socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(message), WebSocketMessageType.Text, true, CancellationToken.None);

    /// <summary>
    /// The first message of <paramref name="type"/> that matches and no earlier wait took, in the order they came: one read
    /// while waiting for another counts too. Fails after 20 s naming what came.
    /// </summary>
    public async Task<JsonElement> WaitForAsync(string type, Func<JsonElement, bool>? match = null)
    {
        bool Wanted(JsonElement message) => message.GetProperty("type").GetString() == type && (match is null || match(message));

        var earlier = _unclaimed.FindIndex(m => Wanted(m));
        if (earlier >= 0)
        {
            var found = _unclaimed[earlier];
            _unclaimed.RemoveAt(earlier);
            return found;
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try
        {
            while (true)
            {
                var message = await _received.Reader.ReadAsync(timeout.Token);
                _seen.Add(message);
                if (Wanted(message))
                {
                    return message;
                }

                _unclaimed.Add(message);
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or ChannelClosedException)
        {
            throw new Xunit.Sdk.XunitException($"No {type} came (closed: {CloseStatus}); seen: " + string.Join(", ", _seen.Select(m => m.GetRawText())));
        }
    }

    /// <summary>Reads acks until every one of <paramref name="seqs"/> is acknowledged; returns them as acked, in order.</summary>
    public async Task<List<long>> WaitForAcksAsync(params long[] seqs)
    {
        var acked = new List<long>();
        while (!seqs.All(acked.Contains))
        {
            var ack = await WaitForAsync("ack");
            acked.AddRange(ack.GetProperty("seqs").EnumerateArray().Select(s => s.GetInt64()));
        }

        return acked;
    }

    /// <summary>Reads everything until the server closes the socket; fails after 20 s.</summary>
    public async Task<List<JsonElement>> UntilClosedAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var messages = new List<JsonElement>();
        await foreach (var message in _received.Reader.ReadAllAsync(timeout.Token))
        {
            _seen.Add(message);
            messages.Add(message);
        }

        return messages;
    }

    /// <summary>The socket dies without a close handshake, as when a network drops.</summary>
    public void Abort() => _socket.Abort();

    private async Task ReceiveAsync()
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                var result = await _socket.ReceiveAsync(buffer, CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    CloseStatus = (int?)result.CloseStatus;
                    return;
                }

                _received.Writer.TryWrite(JsonDocument.Parse(Encoding.UTF8.GetString(buffer, 0, result.Count)).RootElement.Clone());
            }
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Aborted by the test or the server.
        }
        finally
        {
            _received.Writer.TryComplete();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _socket.Abort();
        await _receiving;
        _socket.Dispose();
    }
}
