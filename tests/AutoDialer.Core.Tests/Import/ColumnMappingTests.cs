using AutoDialer.Core.Import;

namespace AutoDialer.Core.Tests.Import;

public sealed class ColumnMappingTests
{
    [Fact]
    public void A_mapping_within_the_columns_with_one_role_a_column_has_no_problems() =>
        Assert.Empty(new ColumnMapping(Phone: 2, Name: 0, Timezone: null, PrivacyNumber: 3).Problems(columns: 4));

    [Theory]
    [InlineData(4, null, "phone", "column 4 does not exist: the list has columns 0 to 3")]
    [InlineData(-1, null, "phone", "column -1 does not exist")]
    [InlineData(1, 1, "name", "column 1 is already the phone column")]
    [InlineData(0, 7, "name", "column 7 does not exist")]
    public void Each_problem_is_named_by_its_role(int phone, int? name, string role, string message)
    {
        var problems = new ColumnMapping(phone, name).Problems(columns: 4);

        Assert.Equal([role], problems.Keys);
        Assert.StartsWith(message, problems[role]);
    }

    [Fact]
    public void The_header_names_give_the_detected_mapping()
    {
        var header = ContactHeader.Parse(["姓名", "城市", "手机号码", "tz"]);

        Assert.Equal(new ColumnMapping(Phone: 2, Name: 0, Timezone: 3, PrivacyNumber: null), header.Mapping);
    }

    [Fact]
    public void A_chosen_mapping_takes_the_roles_and_every_other_column_becomes_an_attribute_synonyms_too()
    {
        var header = ContactHeader.WithMapping(["手机号", "客户", "备用电话", "", "手机号"], new ColumnMapping(Phone: 2, Name: 1));

        Assert.Equal((2, 1, -1, -1), (header.PhoneIndex, header.NameIndex, header.TimezoneIndex, header.PrivacyNumberIndex));
        Assert.Equal([(0, "手机号"), (3, "column_4"), (4, "手机号_2")], header.AttributeColumns);
    }

    [Fact]
    public void A_mapping_that_does_not_fit_is_refused() =>
        Assert.Throws<ArgumentException>(() => ContactHeader.WithMapping(["phone"], new ColumnMapping(Phone: 1)));
}
