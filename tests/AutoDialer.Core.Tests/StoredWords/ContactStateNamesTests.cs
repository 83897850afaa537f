using AutoDialer.Core.StoredWords;

namespace AutoDialer.Core.Tests.StoredWords;

public class ContactStateNamesTests
{
    [Theory]
    [InlineData(ContactState.Pending, "pending")]
    [InlineData(ContactState.Dialing, "dialing")]
    [InlineData(ContactState.Deferred, "deferred")]
    [InlineData(ContactState.Suppressed, "suppressed")]
    [InlineData(ContactState.Done, "done")]
    public void Each_state_has_its_stored_name_and_parses_back(ContactState state, string name)
    {
        Assert.Equal(name, state.ToName());
        Assert.Equal(state, ContactStateNames.Parse(name));
    }

    [Fact]
    public void Every_state_has_a_distinct_name()
    {
        Assert.Equal(ContactStateNames.All.Count, ContactStateNames.All.Select(s => s.ToName()).Distinct().Count());
    }

    [Theory]
    [InlineData("Pending")]
    [InlineData("running")]
    [InlineData("")]
    public void A_word_that_is_not_a_stored_state_is_refused(string name)
    {
        Assert.Throws<FormatException>(() => ContactStateNames.Parse(name));
    }
}
