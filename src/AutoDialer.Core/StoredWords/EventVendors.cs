namespace AutoDialer.Core.StoredWords;

/// <summary>
/// The stored names of <see cref="EventVendor"/> (<c>call_events.vendor</c>, listed by the schema's
/// <c>call_events_vendor_check</c>), in both directions.
/// </summary>
internal static class EventVendors
{
    public const string Udesk = "udesk";
    public const string Meiqia = "meiqia";
    public const string Simulator = "simulator";

    /// <summary>Every vendor, in declaration order.</summary>
    public static IReadOnlyList<EventVendor> All { get; } = Array.AsReadOnly(Enum.GetValues<EventVendor>());

    // Spelled out rather than derived from the member names so that renaming a member cannot change stored data.
    public static string ToName(this EventVendor vendor) => vendor switch
    {
        EventVendor.Udesk => Udesk,
        EventVendor.Meiqia => Meiqia,
        EventVendor.Simulator => Simulator,
        _ => throw new ArgumentOutOfRangeException(nameof(vendor), vendor, "Not a defined event vendor."),
    };

    /// <summary>Reads a stored name.</summary>
    /// <exception cref="FormatException">The text is not an event vendor: the row was written by something else.</exception>
    public static EventVendor Parse(string name) => name switch
    {
        Udesk => EventVendor.Udesk,
        Meiqia => EventVendor.Meiqia,
        Simulator => EventVendor.Simulator,
        _ => throw new FormatException($"'{name}' is not an event vendor."),
    };
}
