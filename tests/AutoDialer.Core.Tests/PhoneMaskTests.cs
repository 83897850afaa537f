using AutoDialer.Core.Privacy;

namespace AutoDialer.Core.Tests;

public sealed class PhoneMaskTests
{
    [Theory]
    [InlineData("+8613800138000", "+86138****8000")]
    [InlineData("+861062345678", "+86106***5678")]
    [InlineData("13800138000", "138****8000")]
    [InlineData("12345", "*****")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void A_number_in_a_log_keeps_its_prefix_and_last_four_digits_only(string? phone, string expected) =>
        Assert.Equal(expected, PhoneMask.Mask(phone));
}
