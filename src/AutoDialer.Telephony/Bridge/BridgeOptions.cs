using System.ComponentModel.DataAnnotations;

namespace AutoDialer.Telephony.Bridge;

/// <summary>Settings of the agent bridge, under <c>AutoDialer:Bridge</c>.</summary>
internal sealed class BridgeOptions
{
    public const string Section = "AutoDialer:Bridge";

    /// <summary>Base64 HMAC-SHA256 key for bridge tokens, the same on every node of a cluster. When empty, each
    /// process makes up its own, and its tokens are worthless after a restart or on another node.</summary>
    public string? SigningKey { get; set; }

    /// <summary>How long a bridge token is valid. Short: it only has to last until the socket authenticates,
    /// and the script fetches a fresh one for every reconnect.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>This node's name in <c>bridge_sessions</c>; defaults to host name and process id.</summary>
    public string? NodeId { get; set; }

    /// <summary>How long a make-call may wait for the SDK's answer; afterwards its result is unknown (the deadline the
    /// page is sent comes with the request: the dial fence's). Not a setting of its own: <c>AddAutoDialerBridge</c> sets
    /// it to the dialing engine's <c>AutoDialer:Dialing:MakeCallTimeout</c>.</summary>
    /// <value>The default value is 10 seconds, the dialing engine's default.</value>
    public TimeSpan MakeCallTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long any other command may wait for the SDK's answer.</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the server pings each session.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>A session that sent nothing (no pong, no event) for this long is dead and is dropped.</summary>
    public TimeSpan HeartbeatTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a new socket may take to send its hello with a valid token.</summary>
    public TimeSpan HelloTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>An event without a <c>seq</c> (an older page) stamped further than this from the server's clock gets the
    /// server's receive time instead. An event with a <c>seq</c> keeps its time: it is part of its identity.</summary>
    public TimeSpan MaxClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How many accepted events of one account may wait for the database. When they are this many, each
    /// socket with an event to give waits (the page keeps it in its outbox), so a slow or absent database slows the
    /// pages instead of growing this node's memory.</summary>
    /// <value>The default value is 10,000. The value must be 1 or greater.</value>
    [Range(1, int.MaxValue)]
    public int EventQueueCapacity { get; set; } = DefaultEventQueueCapacity;

    public const int DefaultEventQueueCapacity = 10_000;

    /// <summary>Page origins allowed to open the socket; empty allows any (the token is the authentication).</summary>
    public string[] AllowedOrigins { get; set; } = [];

    public string ResolveNodeId() =>
        string.IsNullOrWhiteSpace(NodeId) ? $"{Environment.MachineName}/{Environment.ProcessId}" : NodeId;
}
