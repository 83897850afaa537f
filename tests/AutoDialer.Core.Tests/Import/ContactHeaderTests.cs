using AutoDialer.Core.Import;

namespace AutoDialer.Core.Tests.Import;

public sealed class ContactHeaderTests
{
    [Theory]
    [InlineData("phone")]
    [InlineData("mobile")]
    [InlineData("tel")]
    [InlineData("telephone")]
    [InlineData("number")]
    [InlineData("phone_number")]
    [InlineData("电话")]
    [InlineData("手机")]
    [InlineData("手机号")]
    [InlineData("手机号码")]
    [InlineData("电话号码")]
    [InlineData("号码")]
    [InlineData("联系电话")]
    [InlineData("Phone Number")]
    [InlineData(" MOBILE ")]
    [InlineData("PHONE-NUMBER")]
    [InlineData("Tel\u3000")]
    [InlineData("ＰＨＯＮＥ")]
    [InlineData("\uFEFFphone")]
    public void Recognises_phone_synonyms(string header)
    {
        var parsed = ContactHeader.Parse(["id", header]);

        Assert.Equal(1, parsed.PhoneIndex);
        Assert.True(parsed.HasPhone);
        Assert.Equal([(0, "id")], parsed.AttributeColumns);
    }

    [Theory]
    [InlineData("name")]
    [InlineData("姓名")]
    [InlineData("客户姓名")]
    [InlineData("名称")]
    [InlineData(" Name ")]
    public void Recognises_name_synonyms(string header)
    {
        var parsed = ContactHeader.Parse(["phone", header]);

        Assert.Equal(1, parsed.NameIndex);
        Assert.Empty(parsed.AttributeColumns);
    }

    [Theory]
    [InlineData("timezone")]
    [InlineData("tz")]
    [InlineData("时区")]
    [InlineData("Time Zone")]
    [InlineData("TIME_ZONE")]
    public void Recognises_timezone_synonyms(string header)
    {
        var parsed = ContactHeader.Parse(["phone", header]);

        Assert.Equal(1, parsed.TimezoneIndex);
        Assert.Empty(parsed.AttributeColumns);
    }

    [Theory]
    [InlineData("privacy_number")]
    [InlineData("加密号码")]
    [InlineData("Privacy Number")]
    public void Recognises_privacy_number_synonyms(string header)
    {
        var parsed = ContactHeader.Parse(["phone", header]);

        Assert.Equal(1, parsed.PrivacyNumberIndex);
        Assert.Empty(parsed.AttributeColumns);
    }

    [Fact]
    public void Maps_every_role_and_keeps_the_rest_as_attributes_in_column_order()
    {
        string[] fields = ["客户姓名", "手机号码", "公司", "时区", "加密号码", " City "];

        var parsed = ContactHeader.Parse(fields);

        Assert.Equal(0, parsed.NameIndex);
        Assert.Equal(1, parsed.PhoneIndex);
        Assert.Equal(3, parsed.TimezoneIndex);
        Assert.Equal(4, parsed.PrivacyNumberIndex);
        Assert.Equal([(2, "公司"), (5, "City")], parsed.AttributeColumns);
        Assert.Equal(fields, parsed.Fields);
    }

    [Fact]
    public void Leftmost_column_wins_a_role_and_later_ones_become_attributes()
    {
        var parsed = ContactHeader.Parse(["Mobile", "name", "phone", "姓名", "tz", "TZ"]);

        Assert.Equal(0, parsed.PhoneIndex);
        Assert.Equal(1, parsed.NameIndex);
        Assert.Equal(4, parsed.TimezoneIndex);
        Assert.Equal([(2, "phone"), (3, "姓名"), (5, "TZ")], parsed.AttributeColumns);
    }

    [Fact]
    public void Empty_header_cells_get_positional_keys()
    {
        var parsed = ContactHeader.Parse(["phone", "", "  ", "note"]);

        Assert.Equal([(1, "column_2"), (2, "column_3"), (3, "note")], parsed.AttributeColumns);
    }

    [Fact]
    public void Repeated_attribute_keys_get_numbered_suffixes()
    {
        var parsed = ContactHeader.Parse(["note", "phone", "note", " note ", "note_2", "", "column_6"]);

        Assert.Equal(
            [(0, "note"), (2, "note_2"), (3, "note_3"), (4, "note_2_2"), (5, "column_6"), (6, "column_6_2")],
            parsed.AttributeColumns);
    }

    [Fact]
    public void Without_a_phone_column_every_index_is_minus_one_and_all_columns_are_attributes()
    {
        var parsed = ContactHeader.Parse(["客户", "address", "phones"]);

        Assert.False(parsed.HasPhone);
        Assert.Equal(-1, parsed.PhoneIndex);
        Assert.Equal(-1, parsed.NameIndex);
        Assert.Equal(-1, parsed.TimezoneIndex);
        Assert.Equal(-1, parsed.PrivacyNumberIndex);
        Assert.Equal([(0, "客户"), (1, "address"), (2, "phones")], parsed.AttributeColumns);
    }

    [Fact]
    public void Attribute_key_drops_a_leading_bom()
    {
        var parsed = ContactHeader.Parse(["\uFEFF备注", "phone"]);

        Assert.Equal([(0, "备注")], parsed.AttributeColumns);
        Assert.Equal("\uFEFF备注", parsed.Fields[0]);
    }

    [Fact]
    public void Describes_the_phone_synonyms_for_error_messages()
    {
        Assert.Equal(
            "phone, mobile, tel, telephone, number, phone_number, 电话, 手机, 手机号, 手机号码, 电话号码, 号码, 联系电话",
            ContactHeader.DescribeExpectedPhoneHeaders());
    }
}
