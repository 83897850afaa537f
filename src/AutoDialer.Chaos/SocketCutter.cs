using System.Net;
using System.Net.Sockets;

namespace AutoDialer.Chaos;

/// <summary>
/// A TCP relay between the simulated pages and one dialer node, so the run can cut every socket of that node at
/// once (<see cref="DropAll"/>): both ends see their connection reset, as when a load balancer or the network
/// drops them. The node's own port never changes, so it can be killed and started again behind the relay.
/// </summary>
internal sealed class SocketCutter : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _targetPort;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private readonly HashSet<(TcpClient Page, TcpClient Node)> _pairs = [];
    private Task _accepting = Task.CompletedTask;

    public SocketCutter(int targetPort) => _targetPort = targetPort;

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public Uri Url => new($"http://127.0.0.1:{Port}");

    public int Dropped { get; private set; }

    public void Start()
    {
        _listener.Start();
        _accepting = AcceptAsync(_stop.Token);
    }

    /// <summary>Resets every relayed connection; returns how many there were.</summary>
    public int DropAll()
    {
        (TcpClient Page, TcpClient Node)[] pairs;
        lock (_gate)
        {
            pairs = [.. _pairs];
            _pairs.Clear();
        }

        foreach (var (page, node) in pairs)
        {
            Reset(page);
            Reset(node);
        }

        Dropped += pairs.Length;
        return pairs.Length;
    }

    private async Task AcceptAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            TcpClient page;
            try
            {
                page = await _listener.AcceptTcpClientAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = RelayAsync(page, cancellationToken);
        }
    }

    private async Task RelayAsync(TcpClient page, CancellationToken cancellationToken)
    {
        var node = new TcpClient { NoDelay = true };
        page.NoDelay = true;
        try
        {
            await node.ConnectAsync(IPAddress.Loopback, _targetPort, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            // The node is down: the page sees its connection refused the way it would without the relay.
            Reset(page);
            node.Dispose();
            return;
        }

        var pair = (page, node);
        lock (_gate)
        {
            _pairs.Add(pair);
        }

        try
        {
            var up = CopyAsync(page, node, cancellationToken);
            var down = CopyAsync(node, page, cancellationToken);
            await Task.WhenAny(up, down).ConfigureAwait(false);
        }
        finally
        {
            lock (_gate)
            {
                _pairs.Remove(pair);
            }

            page.Dispose();
            node.Dispose();
        }
    }

    private static async Task CopyAsync(TcpClient from, TcpClient to, CancellationToken cancellationToken)
    {
        try
        {
            await from.GetStream().CopyToAsync(to.GetStream(), cancellationToken).ConfigureAwait(false);
            to.Client.Shutdown(SocketShutdown.Send);
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // One side is gone; the relay ends both.
        }
    }

    private static void Reset(TcpClient client)
    {
        try
        {
            // Null once the relay has closed it on its own.
            if (client.Client is { } socket)
            {
                socket.LingerState = new LingerOption(true, 0); // close with RST, not FIN
                socket.Close();
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Already closed.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        await _accepting.ConfigureAwait(false);
        DropAll();
        _stop.Dispose();
    }
}
