using AutoDialer.Core.StoredWords;

namespace AutoDialer.Core.Tests.StoredWords;

public class AttemptStatusNamesTests
{
    [Theory]
    [InlineData(AttemptStatus.Dialing, "dialing")]
    [InlineData(AttemptStatus.Placed, "placed")]
    [InlineData(AttemptStatus.Unknown, "unknown")]
    [InlineData(AttemptStatus.Settled, "settled")]
    public void Each_status_has_its_stored_name_and_parses_back(AttemptStatus status, string name)
    {
        Assert.Equal(name, status.ToName());
        Assert.Equal(status, AttemptStatusNames.Parse(name));
    }

    [Fact]
    public void Every_status_has_a_distinct_name()
    {
        Assert.Equal(AttemptStatusNames.All.Count, AttemptStatusNames.All.Select(s => s.ToName()).Distinct().Count());
    }

    [Theory]
    [InlineData("Settled")]
    [InlineData("queued")]
    [InlineData("")]
    public void A_word_that_is_not_a_stored_status_is_refused(string name)
    {
        Assert.Throws<FormatException>(() => AttemptStatusNames.Parse(name));
    }
}
