using AutoDialer.Core.Telephony.Udesk;

namespace AutoDialer.Core.Telephony;

/// <summary>
/// A trunk number or a number pool that an agent can show as caller number. For a trunk number
/// <see cref="Numbers"/> holds the one number. The document leaves the list items' shape open
/// (<c>resp.Data.list</c>); see <see cref="UdeskAssumptions"/>.
/// </summary>
internal sealed record NumberSource(NumberSourceType Type, string Id, string Name, IReadOnlyList<string> Numbers)
{
    /// <summary>A trunk number, identified by the number itself.</summary>
    public static NumberSource Trunk(string number) => new(NumberSourceType.TrunkNumber, number, number, [number]);

    public static NumberSource Pool(string id, string name, IReadOnlyList<string> numbers) =>
        new(NumberSourceType.NumberPool, id, name, numbers);
}
