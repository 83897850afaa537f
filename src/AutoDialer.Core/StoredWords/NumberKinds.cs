namespace AutoDialer.Core.StoredWords;

/// <summary>The stored names of <see cref="NumberKind"/> (<c>contacts.number_type</c>), in both directions.</summary>
internal static class NumberKinds
{
    public const string Unknown = "unknown";
    public const string Mobile = "mobile";
    public const string FixedLine = "fixed_line";
    public const string FixedLineOrMobile = "fixed_line_or_mobile";
    public const string TollFree = "toll_free";
    public const string PremiumRate = "premium_rate";
    public const string SharedCost = "shared_cost";
    public const string Voip = "voip";
    public const string PersonalNumber = "personal_number";
    public const string Pager = "pager";
    public const string Uan = "uan";
    public const string Voicemail = "voicemail";

    /// <summary>Every kind, in declaration order.</summary>
    public static IReadOnlyList<NumberKind> All { get; } = Array.AsReadOnly(Enum.GetValues<NumberKind>());

    // Spelled out rather than derived from the member names so that renaming a member cannot change stored data.
    public static string ToName(this NumberKind kind) => kind switch
    {
        NumberKind.Unknown => Unknown,
        NumberKind.Mobile => Mobile,
        NumberKind.FixedLine => FixedLine,
        NumberKind.FixedLineOrMobile => FixedLineOrMobile,
        NumberKind.TollFree => TollFree,
        NumberKind.PremiumRate => PremiumRate,
        NumberKind.SharedCost => SharedCost,
        NumberKind.Voip => Voip,
        NumberKind.PersonalNumber => PersonalNumber,
        NumberKind.Pager => Pager,
        NumberKind.Uan => Uan,
        NumberKind.Voicemail => Voicemail,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a defined number kind."),
    };

    /// <summary>Reads a stored name.</summary>
    /// <exception cref="FormatException">The text is not a number kind: the row was written by something else.</exception>
    public static NumberKind Parse(string name) => name switch
    {
        Unknown => NumberKind.Unknown,
        Mobile => NumberKind.Mobile,
        FixedLine => NumberKind.FixedLine,
        FixedLineOrMobile => NumberKind.FixedLineOrMobile,
        TollFree => NumberKind.TollFree,
        PremiumRate => NumberKind.PremiumRate,
        SharedCost => NumberKind.SharedCost,
        Voip => NumberKind.Voip,
        PersonalNumber => NumberKind.PersonalNumber,
        Pager => NumberKind.Pager,
        Uan => NumberKind.Uan,
        Voicemail => NumberKind.Voicemail,
        _ => throw new FormatException($"'{name}' is not a number kind."),
    };
}
