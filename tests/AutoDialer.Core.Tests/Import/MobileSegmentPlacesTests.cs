using System.Globalization;
using AutoDialer.Core.Import;
using PhoneNumbers;

namespace AutoDialer.Core.Tests.Import;

public sealed class MobileSegmentPlacesTests
{
    [Fact]
    public void Gives_the_geocoders_place_for_mobiles_of_every_leading_segment_digit()
    {
        var places = new MobileSegmentPlaces(PhoneNumberMetadata.PlaceOfChineseNumber);
        var geocoder = PhoneNumberOfflineGeocoder.GetInstance();
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
                    var expected = ChinaPlace.Split(geocoder.GetDescriptionForValidNumber(number, new Locale("zh", "CN")));
                    Assert.True(expected == places.Of(national), $"{national}: the geocoder says {expected}");
                }
            }
        }
    }

    [Fact]
    public void Asks_once_per_segment_and_always_for_numbers_that_are_not_mobile_shaped()
    {
        var asked = new List<ulong>();
        var places = new MobileSegmentPlaces(n =>
        {
            asked.Add(n);
            return ($"p{n / 10_000}", $"c{n / 10_000}");
        });

        Assert.Equal(("p1391234", "c1391234"), places.Of(13912345678));
        Assert.Equal(("p1391234", "c1391234"), places.Of(13912340000));
        Assert.Equal(("p1391235", "c1391235"), places.Of(13912350000));
        Assert.Equal(("p7551234", "c7551234"), places.Of(75512345678));
        Assert.Equal(("p7551234", "c7551234"), places.Of(75512345678));
        Assert.Equal(("p106234", "c106234"), places.Of(1062345678));

        Assert.Equal([13912345678UL, 13912350000UL, 75512345678UL, 75512345678UL, 1062345678UL], asked);
    }

    private static ulong Number(string segment, Random random) =>
        ulong.Parse(segment + random.Next(10_000).ToString("D4", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
