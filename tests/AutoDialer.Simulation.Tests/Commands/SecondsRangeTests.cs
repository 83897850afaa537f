using AutoDialer.Simulation.Commands;

namespace AutoDialer.Simulation.Tests.Commands;

public sealed class SecondsRangeTests
{
    [Theory]
    [InlineData("1-3", 1, 3)]
    [InlineData("0.5-0.5", 0.5, 0.5)]
    [InlineData("2", 2, 2)]
    [InlineData(" 0 - 4 ", 0, 4)]
    public void A_range_reads_as_seconds(string text, double min, double max) =>
        Assert.Equal(new SecondsRange(min, max), SecondsRange.Parse(text, "--ring"));

    [Theory]
    [InlineData("3-1")]
    [InlineData("-1-2")]
    [InlineData("a-b")]
    [InlineData("")]
    [InlineData("1-100000")]
    public void A_bad_range_names_its_option(string text) =>
        Assert.Contains("--talk", Assert.Throws<ArgumentException>(() => SecondsRange.Parse(text, "--talk")).Message);
}
