using AutoDialer.PostgreSql.Import;

namespace AutoDialer.PostgreSql.Tests.Import;

public sealed class PhoneKeySetTests
{
    [Fact]
    public void A_key_is_new_once_and_a_duplicate_after_that()
    {
        var set = new PhoneKeySet(maxSlots: 64);
        var key = Key("+8613800138000");

        Assert.True(set.TryAdd(key, out var first));
        Assert.True(set.TryAdd(key, out var second));

        Assert.True(first);
        Assert.False(second);
        Assert.Equal(1, set.Count);
    }

    [Fact]
    public void It_grows_past_its_first_table_and_still_knows_every_key()
    {
        var set = new PhoneKeySet(maxSlots: 1 << 16);
        var keys = Enumerable.Range(0, 40_000).Select(i => Key($"+86138{i:D8}")).ToList();

        Assert.All(keys, k => Assert.True(set.TryAdd(k, out var added) && added));
        Assert.All(keys, k => Assert.True(set.TryAdd(k, out var added) && !added));
        Assert.Equal(40_000, set.Count);
    }

    [Fact]
    public void It_reports_full_at_its_ceiling_instead_of_growing()
    {
        var set = new PhoneKeySet(maxSlots: 16);
        Assert.Equal(12, set.Capacity);
        for (var i = 0; i < set.Capacity; i++)
            Assert.True(set.TryAdd(Key($"+861380013{i:D4}"), out _));

        Assert.False(set.TryAdd(Key("+8613900139000"), out var added));
        Assert.False(added);
        // A key it already holds is still recognised when full.
        Assert.True(set.TryAdd(Key("+8613800130000"), out var again));
        Assert.False(again);
    }

    [Fact]
    public void A_number_and_its_do_not_call_entry_live_side_by_side_in_one_set()
    {
        var set = new PhoneKeySet(maxSlots: 64);
        var key = Key("+8613800138000");

        Assert.True(set.TryAdd(PhoneKey.OnDoNotCallList(key), out _));

        Assert.False(set.Contains(key));
        Assert.True(set.Contains(PhoneKey.OnDoNotCallList(key)));
        Assert.True(set.TryAdd(key, out var added) && added);
        Assert.False(set.Contains(Key("+8613800138001")));
    }

    [Theory]
    [InlineData("+8613800138000", "+8613800138001")]
    [InlineData("+0123456789", "+123456789")]
    [InlineData("+12345678", "+123456780")]
    public void Different_numbers_make_different_keys(string a, string b)
    {
        Assert.NotEqual(Key(a), Key(b));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("+")]
    [InlineData("8613800138000")]
    [InlineData("+86 138")]
    [InlineData("+1234567890123456")]
    public void Only_a_plus_and_1_to_15_digits_make_a_key(string? phone)
    {
        Assert.False(PhoneKey.TryCreate(phone, out _));
    }

    private static long Key(string phone)
    {
        Assert.True(PhoneKey.TryCreate(phone, out var key));
        Assert.NotEqual(0, key);
        return key;
    }
}
