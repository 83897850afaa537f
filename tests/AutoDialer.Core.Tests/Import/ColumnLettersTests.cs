using AutoDialer.Core.Import;

namespace AutoDialer.Core.Tests.Import;

public sealed class ColumnLettersTests
{
    [Theory]
    [InlineData("A", 0)]
    [InlineData("H", 7)]
    [InlineData("Z", 25)]
    [InlineData("AA", 26)]
    [InlineData("AZ", 51)]
    [InlineData("XFD", 16383)]
    public void Letters_and_indexes_are_two_spellings_of_one_column(string letters, int index)
    {
        Assert.Equal(index, ColumnLetters.ToIndex(letters));
        Assert.Equal(letters, ColumnLetters.FromIndex(index));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a")]
    [InlineData("A1")]
    [InlineData("ABCD")]
    public void Anything_else_is_no_column(string letters) => Assert.Equal(-1, ColumnLetters.ToIndex(letters));
}
