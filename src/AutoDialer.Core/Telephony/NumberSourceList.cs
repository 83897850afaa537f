namespace AutoDialer.Core.Telephony;

/// <summary>
/// Data of <c>GetNumberPoolAndSpNumAsync</c>: the sources of one type (<c>list</c>) and the id of the one
/// currently selected (<c>defaultId</c>), null when none of this type is selected.
/// </summary>
internal sealed record NumberSourceList(IReadOnlyList<NumberSource> List, string? DefaultId);
