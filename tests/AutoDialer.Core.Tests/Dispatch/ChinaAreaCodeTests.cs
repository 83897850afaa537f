using AutoDialer.Core.Dispatch;

namespace AutoDialer.Core.Tests.Dispatch;

public class ChinaAreaCodeTests
{
    [Theory]
    [InlineData("+861062345678", "010")]   // Beijing, 8-digit subscriber
    [InlineData("+862187654321", "021")]   // Shanghai
    [InlineData("+862087654321", "020")]   // Guangzhou
    [InlineData("+86755 12345678", null)]  // not normalised
    [InlineData("+8675512345678", "0755")] // Shenzhen
    [InlineData("+867551234567", "0755")]  // 7-digit subscriber
    [InlineData("+8657187654321", "0571")] // Hangzhou
    [InlineData("+8699112345678", "0991")] // Urumqi
    [InlineData("+8613800138000", null)]   // mobile, no lookup
    [InlineData("+861101234567", null)]    // 11x is neither Beijing nor mobile
    [InlineData("+86755123", null)]        // too short for a landline
    [InlineData("+86755123456789", null)]  // too long
    [InlineData("+14155550100", null)]     // not China
    [InlineData("8675512345678", null)]    // not E.164
    [InlineData("+86", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Landline_area_codes_come_from_the_number(string? e164, string? expected)
    {
        Assert.Equal(expected, ChinaAreaCode.Of(e164));
    }

    [Fact]
    public void Mobile_numbers_are_looked_up_and_only_mobile_numbers()
    {
        var lookedUp = new List<string>();
        string? Lookup(string number)
        {
            lookedUp.Add(number);
            return number == "+8613800138000" ? "0755" : null;
        }

        Assert.Equal("0755", ChinaAreaCode.Of("+8613800138000", Lookup));
        Assert.Null(ChinaAreaCode.Of("+8619912345678", Lookup));
        Assert.Equal("010", ChinaAreaCode.Of("+861062345678", Lookup));

        Assert.Equal(["+8613800138000", "+8619912345678"], lookedUp);
    }

    [Theory]
    [InlineData("0755", "0755", true)]
    [InlineData("0755", "755", true)]
    [InlineData(" 010 ", "10", true)]
    [InlineData("010", "0101", false)]
    [InlineData("0755", "0757", false)]
    [InlineData("0", "00", false)]
    [InlineData("", "", false)]
    [InlineData(null, null, false)]
    [InlineData("0755", null, false)]
    public void Area_codes_match_with_or_without_the_leading_zero(string? left, string? right, bool same)
    {
        Assert.Equal(same, ChinaAreaCode.SameArea(left, right));
        Assert.Equal(same, ChinaAreaCode.SameArea(right, left));
    }
}
