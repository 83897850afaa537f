using AutoDialer.Core.Import;

namespace AutoDialer.Core.Tests.Import;

public sealed class AlternatePhoneHeaderTests
{
    [Theory]
    [InlineData("phone2")]
    [InlineData("Phone 2")]
    [InlineData("mobile2")]
    [InlineData("alternate_phone")]
    [InlineData("备用电话")]
    [InlineData("其他电话")]
    [InlineData("备用号码")]
    [InlineData("手机2")]
    public void A_second_number_column_is_found_by_its_name_and_kept_as_an_attribute_too(string header)
    {
        var parsed = ContactHeader.Parse(["手机号码", "姓名", header]);

        Assert.Equal(0, parsed.PhoneIndex);
        Assert.Equal([2], parsed.AlternatePhoneIndexes);
        Assert.Equal([(2, header.Trim())], parsed.AttributeColumns);
        Assert.Equal([2], parsed.Mapping.AlternatePhones);
    }

    [Fact]
    public void Several_other_number_columns_are_tried_in_the_lists_order()
    {
        var parsed = ContactHeader.Parse(["其他电话", "phone", "备用电话", "phone2"]);

        Assert.Equal(1, parsed.PhoneIndex);
        Assert.Equal([0, 2, 3], parsed.AlternatePhoneIndexes);
    }

    [Fact]
    public void A_person_chooses_the_other_number_columns_in_the_mapping_step_and_a_column_plays_one_role()
    {
        var mapping = new ColumnMapping(0) { AlternatePhones = [2, 0] };

        var problems = mapping.Problems(3);

        Assert.Equal("column 0 is already the phone column: a column plays one role", Assert.Single(problems).Value);
        Assert.Equal([2], ContactHeader.WithMapping(["a", "b", "c"], new ColumnMapping(0) { AlternatePhones = [2] }).AlternatePhoneIndexes);
        Assert.Equal(new ColumnMapping(0) { AlternatePhones = [2] }, new ColumnMapping(0) { AlternatePhones = [2] });
        Assert.NotEqual(new ColumnMapping(0) { AlternatePhones = [2] }, new ColumnMapping(0));
    }
}
