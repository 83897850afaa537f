using System.Text.Json.Nodes;

namespace AutoDialer.Core.Audit;

/// <summary>One field that differs between two JSON documents: its path (<c>schedule.windows[0].start</c>), and its value before and after (null when absent).</summary>
internal sealed record JsonChange(string Path, JsonNode? Old, JsonNode? New);
