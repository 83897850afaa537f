namespace AutoDialer.Core.StoredWords;

/// <summary>
/// What kind of line a number is, per libphonenumber's metadata (its <c>PhoneNumberType</c>). Names are in
/// <see cref="NumberKinds"/>.
/// </summary>
internal enum NumberKind
{
    Unknown = 0,
    Mobile,
    FixedLine,

    /// <summary>The metadata cannot tell (the United States and Canada share one pattern for both).</summary>
    FixedLineOrMobile,
    TollFree,
    PremiumRate,
    SharedCost,
    Voip,
    PersonalNumber,
    Pager,
    Uan,
    Voicemail,
}
