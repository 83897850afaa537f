using PhoneNumbers;

namespace AutoDialer.Core.Import;

/// <summary>
/// The metadata's type of Chinese mobile-shaped numbers (11 digits starting with 1) remembered by their first five
/// digits (<c>13912</c>): the type patterns of such a number decide within them (the mobile pattern's
/// <c>1(?:610\d|740[0-5])\d{6}|1(?:[38]\d|4[57]|…)\d{8}</c>; no other type's pattern has an 11-digit number starting
/// with 1). A list's mobiles reach a few hundred such prefixes, so the patterns are matched a few hundred times,
/// not once per segment. <c>MobileSegmentFactsTests</c> checks the rule for all million 7-digit segments of the
/// metadata shipped. Thread-safe: a slot holds one byte, written once its type is known.
/// </summary>
internal sealed class MobilePrefixTypes(Func<ulong, PhoneNumberType> typeOf)
{
    private const ulong FirstPrefix = 10_000;
    private const int Prefixes = 10_000;
    private const ulong DigitsAfterPrefix = 1_000_000;

    // 0 is "not asked yet"; a type is stored as its value + 1.
    private readonly byte[] _typeByPrefix = new byte[Prefixes];

    /// <summary>The type of a number that <see cref="MobileSegmentFacts.Covers"/> accepts.</summary>
    public PhoneNumberType Of(ulong nationalNumber)
    {
        var prefix = (int)((nationalNumber / DigitsAfterPrefix) - FirstPrefix);
        var stored = Volatile.Read(ref _typeByPrefix[prefix]);
        if (stored != 0)
        {
            return (PhoneNumberType)(stored - 1);
        }

        var type = typeOf(nationalNumber);
        Volatile.Write(ref _typeByPrefix[prefix], (byte)((int)type + 1));
        return type;
    }
}
