namespace AutoDialer.AspNetCore.Jobs;

/// <summary>
/// The Hangfire queues a node serves: its own (work on the agent sessions it holds, which no other node can reach),
/// then the shared one (imports, nightly batches: any node).
/// </summary>
internal static class JobQueues
{
    public const string Shared = "default";

    /// <summary>This node's queue. Hangfire's queue names are <c>[a-z0-9_-]</c>: anything else in the node name becomes '_'.</summary>
    public static string ForNode(string node) =>
        "node-" + string.Concat(node.ToLowerInvariant().Select(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_' ? c : '_'));
}
