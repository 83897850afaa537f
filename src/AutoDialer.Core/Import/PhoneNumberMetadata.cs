using System.Globalization;
using AutoDialer.Core.StoredWords;
using PhoneNumbers;

namespace AutoDialer.Core.Import;

/// <summary>
/// Google's libphonenumber metadata (libphonenumber-csharp, shipped inside the package and updated with it): whether
/// a normalised number can exist, what kind of line it is and, for China, its home province and city. Offline and
/// thread-safe; the geocoder's data loads on first use. It runs once per imported row, so it skips the library's
/// string parser for Chinese numbers and matches the patterns once.
/// </summary>
internal static class PhoneNumberMetadata
{
    private const int ChinaCountryCode = 86;
    private const string ChinaPrefix = "+86";

    private static readonly PhoneNumberUtil Numbers = PhoneNumberUtil.GetInstance();
    private static readonly PhoneNumberOfflineGeocoder Geocoder = PhoneNumberOfflineGeocoder.GetInstance();
    private static readonly Locale Chinese = new("zh", "CN");
    private static readonly RegionNumberTypes ChinaTypes = RegionNumberTypes.For("CN");
    private static readonly MobilePrefixTypes ChinaMobileTypes = new(ChinaTypes.TypeOf);
    private static readonly MobileSegmentFacts ChinaMobileSegments = new(FactsOfChineseNumber);

    private static Task? _loaded;

    /// <summary>
    /// Loads what the first number would otherwise load (the library's metadata, the Chinese patterns compiled, the
    /// geocoder's Chinese data: about a quarter of a second, once a process) on a pool thread. A node starts it when it
    /// starts and the CLI when a command that imports starts, so that an import (or the first caller number's place)
    /// does not wait for it; an import also awaits it while it opens its file and its transaction. Calls return the same
    /// task, until one that failed: the next call loads again (two loads at once are harmless, the second finds it loaded).
    /// </summary>
    public static Task LoadAsync()
    {
        var loading = Volatile.Read(ref _loaded);
        if (loading is { IsFaulted: false })
        {
            return loading;
        }

        var fresh = Task.Run(() => Describe("+8613800138000"));
        return Interlocked.CompareExchange(ref _loaded, fresh, loading) == loading ? fresh : Volatile.Read(ref _loaded)!;
    }

    /// <summary>
    /// The facts about <paramref name="e164"/>, or null when the metadata says no such number can exist (a length or a
    /// prefix its region does not use).
    /// </summary>
    /// <param name="e164">A number the normaliser accepted, e.g. <c>+8613912345678</c>.</param>
    public static NumberFacts? Describe(string e164)
    {
        // Nearly every row of an import is a Chinese mobile: its segment's answer, asked once a segment.
        if (ChineseNationalNumber(e164) is { } mobile && MobileSegmentFacts.Covers(mobile))
        {
            var facts = ChinaMobileSegments.Of(mobile);
            return facts.Type == PhoneNumberType.UNKNOWN ? null : new NumberFacts(ToKind(facts.Type), facts.Province, facts.City);
        }

        if (Read(e164) is not { } number)
        {
            return null;
        }

        // The library's own definition: a number is valid exactly when its type is known (IsValidNumber asks the same
        // patterns GetNumberType does, so asking both would match every number twice). Chinese numbers, nearly every
        // row of an import, are matched against the same patterns compiled.
        var type = number.CountryCode == ChinaCountryCode && !number.HasNumberOfLeadingZeros
            ? ChinaTypes.TypeOf(number.NationalNumber)
            : Numbers.GetNumberType(number);
        if (type == PhoneNumberType.UNKNOWN)
        {
            return null;
        }

        var kind = ToKind(type);
        if (number.CountryCode != ChinaCountryCode)
        {
            return new NumberFacts(kind, null, null);
        }

        var (province, city) = ChinaPlace.SplitRemembered(Geocoder.GetDescriptionForValidNumber(number, Chinese));
        return new NumberFacts(kind, province, city);
    }

    /// <summary>The metadata's type of a Chinese national number and, when it is valid, the geocoder's place split into
    /// province and city.</summary>
    internal static SegmentFacts FactsOfChineseNumber(ulong nationalNumber)
    {
        var type = MobileSegmentFacts.Covers(nationalNumber) ? ChinaMobileTypes.Of(nationalNumber) : ChinaTypes.TypeOf(nationalNumber);
        if (type == PhoneNumberType.UNKNOWN)
        {
            return new SegmentFacts(type, null, null);
        }

        var (province, city) = ChinaPlace.SplitRemembered(Geocoder.GetDescriptionForValidNumber(ChineseNumber(nationalNumber), Chinese));
        return new SegmentFacts(type, province, city);
    }

    /// <summary>The type of a Chinese national number by the metadata's patterns (compiled once).</summary>
    internal static PhoneNumberType TypeOfChineseNumber(ulong nationalNumber) => ChinaTypes.TypeOf(nationalNumber);

    private static PhoneNumber ChineseNumber(ulong nationalNumber) =>
        new PhoneNumber.Builder().SetCountryCode(ChinaCountryCode).SetNationalNumber(nationalNumber).Build();

    private static PhoneNumber? Read(string e164)
    {
        if (ChineseNationalNumber(e164) is { } national)
        {
            return ChineseNumber(national);
        }

        try
        {
            return Numbers.Parse(e164, null);
        }
        catch (NumberParseException)
        {
            return null;
        }
    }

    // A Chinese number never starts its national part with 0 once normalised, so the digits are the national number.
    private static ulong? ChineseNationalNumber(string e164) =>
        e164.StartsWith(ChinaPrefix, StringComparison.Ordinal) && e164.Length > ChinaPrefix.Length && e164[ChinaPrefix.Length] != '0'
        && ulong.TryParse(e164.AsSpan(ChinaPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var national)
            ? national
            : null;

    private static NumberKind ToKind(PhoneNumberType type) => type switch
    {
        PhoneNumberType.MOBILE => NumberKind.Mobile,
        PhoneNumberType.FIXED_LINE => NumberKind.FixedLine,
        PhoneNumberType.FIXED_LINE_OR_MOBILE => NumberKind.FixedLineOrMobile,
        PhoneNumberType.TOLL_FREE => NumberKind.TollFree,
        PhoneNumberType.PREMIUM_RATE => NumberKind.PremiumRate,
        PhoneNumberType.SHARED_COST => NumberKind.SharedCost,
        PhoneNumberType.VOIP => NumberKind.Voip,
        PhoneNumberType.PERSONAL_NUMBER => NumberKind.PersonalNumber,
        PhoneNumberType.PAGER => NumberKind.Pager,
        PhoneNumberType.UAN => NumberKind.Uan,
        PhoneNumberType.VOICEMAIL => NumberKind.Voicemail,
        _ => NumberKind.Unknown,
    };
}
