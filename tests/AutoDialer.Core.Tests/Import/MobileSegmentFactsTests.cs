using System.Globalization;
using AutoDialer.Core.Import;
using PhoneNumbers;

namespace AutoDialer.Core.Tests.Import;

public sealed class MobileSegmentFactsTests
{
    private static readonly PhoneNumberUtil Library = PhoneNumberUtil.GetInstance();
    private static readonly PhoneNumberOfflineGeocoder Geocoder = PhoneNumberOfflineGeocoder.GetInstance();

    [Fact]
    public void Gives_the_librarys_type_and_the_geocoders_place_for_mobiles_of_every_leading_segment_digit()
    {
        var segments = new MobileSegmentFacts(PhoneNumberMetadata.FactsOfChineseNumber);
        var random = new Random(20261207);

        for (var second = 0; second <= 9; second++)
        {
            for (var sample = 0; sample < 3_000; sample++)
            {
                // Two numbers of each segment: the second is answered from memory.
                var segment = $"1{second}{random.Next(100_000):D5}";
                foreach (var national in new[] { Number(segment, random), Number(segment, random) })
                {
                    var number = new PhoneNumber.Builder().SetCountryCode(86).SetNationalNumber(national).Build();
                    var type = Library.GetNumberType(number);
                    var (province, city) = type == PhoneNumberType.UNKNOWN
                        ? (null, null)
                        : ChinaPlace.Split(Geocoder.GetDescriptionForValidNumber(number, new Locale("zh", "CN")));
                    var expected = new SegmentFacts(type, province, city);
                    Assert.True(expected == segments.Of(national), $"{national}: the library says {expected}");
                }
            }
        }
    }

    /// <summary>
    /// The rule the memory of types rests on, for all million segments of the metadata shipped: every segment's first,
    /// last and a random number have the type of the first number of their five-digit prefix (<see cref="MobilePrefixTypes"/>).
    /// A libphonenumber update whose patterns look past the fifth digit of a mobile fails here.
    /// </summary>
    [Fact]
    public void Every_five_digit_prefix_s_numbers_have_one_type()
    {
        var random = new Random(7);
        var split = new List<ulong>();
        for (ulong segment = 1_000_000; segment < 2_000_000; segment++)
        {
            var prefixType = PhoneNumberMetadata.TypeOfChineseNumber(segment / 100 * 1_000_000);
            var first = segment * 10_000;
            if (PhoneNumberMetadata.TypeOfChineseNumber(first) != prefixType
                || PhoneNumberMetadata.TypeOfChineseNumber(first + 9_999) != prefixType
                || PhoneNumberMetadata.TypeOfChineseNumber(first + (ulong)random.Next(1, 9_999)) != prefixType)
            {
                split.Add(segment);
            }
        }

        Assert.True(split.Count == 0, $"segments whose numbers differ in type from their prefix's: {string.Join(", ", split.Take(10))}");
    }

    [Fact]
    public void Prefix_types_ask_once_per_five_digit_prefix()
    {
        var asked = new List<ulong>();
        var types = new MobilePrefixTypes(n =>
        {
            asked.Add(n);
            return n / 1_000_000 == 13912 ? PhoneNumberType.MOBILE : PhoneNumberType.UNKNOWN;
        });

        Assert.Equal(PhoneNumberType.MOBILE, types.Of(13912345678));
        Assert.Equal(PhoneNumberType.MOBILE, types.Of(13912999999));
        Assert.Equal(PhoneNumberType.UNKNOWN, types.Of(14012345678));
        Assert.Equal(PhoneNumberType.UNKNOWN, types.Of(14012000000));

        Assert.Equal([13912345678UL, 14012345678UL], asked);
    }

    [Fact]
    public void Asks_once_per_segment_and_refuses_numbers_that_are_not_mobile_shaped()
    {
        var asked = new List<ulong>();
        var segments = new MobileSegmentFacts(n =>
        {
            asked.Add(n);
            return new SegmentFacts(PhoneNumberType.MOBILE, $"p{n / 10_000}", $"c{n / 10_000}");
        });

        Assert.Equal(new SegmentFacts(PhoneNumberType.MOBILE, "p1391234", "c1391234"), segments.Of(13912345678));
        Assert.Equal(new SegmentFacts(PhoneNumberType.MOBILE, "p1391234", "c1391234"), segments.Of(13912340000));
        Assert.Equal(new SegmentFacts(PhoneNumberType.MOBILE, "p1391235", "c1391235"), segments.Of(13912350000));
        Assert.False(MobileSegmentFacts.Covers(75512345678));
        Assert.False(MobileSegmentFacts.Covers(1062345678));
        Assert.Throws<ArgumentOutOfRangeException>(() => segments.Of(75512345678));

        Assert.Equal([13912345678UL, 13912350000UL], asked);
    }

    private static ulong Number(string segment, Random random) =>
        ulong.Parse(segment + random.Next(10_000).ToString("D4", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
