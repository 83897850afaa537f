namespace AutoDialer.Core.Dispatch;

/// <summary>One earlier dial of a callee, by any campaign: when, and which caller number it showed (null: none).</summary>
internal readonly record struct CalleeDial(DateTimeOffset At, string? CallerNumber);
