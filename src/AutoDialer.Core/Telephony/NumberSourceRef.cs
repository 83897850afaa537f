namespace AutoDialer.Core.Telephony;

/// <summary>Names one trunk number or number pool, as <c>SetSpNumberPoolNumAsync({ type, id })</c> does.</summary>
internal sealed record NumberSourceRef(NumberSourceType Type, string Id);
