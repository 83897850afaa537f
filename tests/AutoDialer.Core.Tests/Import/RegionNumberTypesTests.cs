using System.Globalization;
using AutoDialer.Core.Import;
using PhoneNumbers;

namespace AutoDialer.Core.Tests.Import;

/// <summary>The compiled patterns give the library's own answer (<see cref="PhoneNumberUtil.GetNumberType"/>).</summary>
public sealed class RegionNumberTypesTests
{
    // Only China is asked through the compiled patterns (PhoneNumberMetadata); over a spread of other regions' numbers
    // the C# port's answers differ from the anchored patterns (e.g. GB 7839402110 MOBILE, US 3100861 UAN), because
    // its matcher does not anchor the expressions. Those keep the library's own answer.
    [Fact]
    public void Gives_the_library_type_of_chinese_numbers_for_every_length_and_leading_digit()
    {
        const string region = "CN";
        const int countryCode = 86;
        var types = RegionNumberTypes.For(region);
        var library = PhoneNumberUtil.GetInstance();
        var random = new Random(20261207);
        var seen = new HashSet<PhoneNumberType>();

        for (var length = 4; length <= 13; length++)
        {
            for (var lead = 1; lead <= 9; lead++)
            {
                for (var sample = 0; sample < 1_000; sample++)
                {
                    var national = ulong.Parse(
                        lead.ToString(CultureInfo.InvariantCulture) + RandomDigits(random, length - 1),
                        CultureInfo.InvariantCulture);
                    var number = new PhoneNumber.Builder().SetCountryCode(countryCode).SetNationalNumber(national).Build();

                    var expected = library.GetNumberType(number);
                    Assert.True(expected == types.TypeOf(national), $"{region} {national}: the library says {expected}");
                    seen.Add(expected);
                }
            }
        }

        // The spread reaches valid numbers of more than one type, not only the unknown.
        Assert.Contains(PhoneNumberType.UNKNOWN, seen);
        Assert.True(seen.Count >= 3, $"{region}: only {string.Join(", ", seen)} were met");
    }

    [Theory]
    [InlineData(13912345678UL, PhoneNumberType.MOBILE)]
    [InlineData(75512345678UL, PhoneNumberType.FIXED_LINE)]
    [InlineData(1062345678UL, PhoneNumberType.FIXED_LINE)]
    [InlineData(14012345678UL, PhoneNumberType.UNKNOWN)] // 140 is no assigned segment
    [InlineData(7558888888UL, PhoneNumberType.UNKNOWN)] // Shenzhen numbers have 8 digits after 755
    [InlineData(4001234567UL, PhoneNumberType.SHARED_COST)]
    [InlineData(8001234567UL, PhoneNumberType.TOLL_FREE)]
    internal void Knows_chinese_numbers(ulong national, PhoneNumberType expected) =>
        Assert.Equal(expected, RegionNumberTypes.For("CN").TypeOf(national));

    private static string RandomDigits(Random random, int count)
    {
        var digits = new char[count];
        for (var i = 0; i < count; i++)
        {
            digits[i] = (char)('0' + random.Next(10));
        }

        return new string(digits);
    }
}
