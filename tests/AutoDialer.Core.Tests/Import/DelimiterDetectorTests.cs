using AutoDialer.Core.Import;

namespace AutoDialer.Core.Tests.Import;

public sealed class DelimiterDetectorTests
{
    [Theory]
    [InlineData("name,phone,note", ',')]
    [InlineData("name;phone;note", ';')]
    [InlineData("name\tphone\tnote", '\t')]
    [InlineData("name|phone|note", '|')]
    [InlineData("姓名;手机号,备注;城市", ';')]
    public void Picks_the_most_frequent_candidate(string header, char expected)
    {
        Assert.Equal(expected, DelimiterDetector.Detect(header));
    }

    [Theory]
    [InlineData("\"last, first\";phone", ';')]
    [InlineData("\"a,b,c\"|\"d,e\"|phone", '|')]
    [InlineData("\"say \"\"hi, there\"\"\";phone", ';')]
    [InlineData("\"x;y;z\"\tphone", '\t')]
    public void Ignores_delimiters_inside_quotes(string header, char expected)
    {
        Assert.Equal(expected, DelimiterDetector.Detect(header));
    }

    [Theory]
    [InlineData("a;b,c", ',')]
    [InlineData("a\tb;c", ';')]
    [InlineData("a|b\tc", '\t')]
    [InlineData("a|b|c;d;e\tf\tg", ';')]
    public void Breaks_ties_in_candidate_order(string header, char expected)
    {
        Assert.Equal(expected, DelimiterDetector.Detect(header));
    }

    [Theory]
    [InlineData("phone")]
    [InlineData("")]
    [InlineData("\"a,b\"")]
    public void Falls_back_to_comma_when_no_delimiter_is_found(string header)
    {
        Assert.Equal(',', DelimiterDetector.Detect(header));
    }
}
