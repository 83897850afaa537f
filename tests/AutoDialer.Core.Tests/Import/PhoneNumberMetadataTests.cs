using AutoDialer.Core.Import;
using AutoDialer.Core.StoredWords;

namespace AutoDialer.Core.Tests.Import;

/// <summary>Validity, kind and home place, against libphonenumber's shipped metadata (no stand-in).</summary>
public sealed class PhoneNumberMetadataTests
{
    [Theory]
    // Chinese mobiles: the segment gives the home city.
    [InlineData("+8613912345678", NumberKinds.Mobile, "江苏省", "常州市")]
    [InlineData("+8613800138000", NumberKinds.Mobile, "北京市", "北京市")]
    [InlineData("+8618612345678", NumberKinds.Mobile, "北京市", "北京市")]
    [InlineData("+8615012345678", NumberKinds.Mobile, "云南省", "昭通市")]
    // Chinese landlines: the area code gives it.
    [InlineData("+8675512345678", NumberKinds.FixedLine, "广东省", "深圳市")]
    [InlineData("+861062345678", NumberKinds.FixedLine, "北京市", "北京市")]
    [InlineData("+862162345678", NumberKinds.FixedLine, "上海市", "上海市")]
    [InlineData("+8657187654321", NumberKinds.FixedLine, "浙江省", "杭州市")]
    [InlineData("+867712345678", NumberKinds.FixedLine, "广西壮族自治区", "南宁市")]
    // Other countries: kind only.
    [InlineData("+14155552671", NumberKinds.FixedLineOrMobile, null, null)]
    [InlineData("+442079460958", NumberKinds.FixedLine, null, null)]
    [InlineData("+447400123456", NumberKinds.Mobile, null, null)]
    [InlineData("+4915123456789", NumberKinds.Mobile, null, null)]
    public void Describes_a_valid_number(string e164, string kind, string? province, string? city)
    {
        var facts = PhoneNumberMetadata.Describe(e164);

        Assert.Equal(new NumberFacts(NumberKinds.Parse(kind), province, city), facts);
    }

    [Theory]
    [InlineData("+867558888888")] // Shenzhen numbers have 8 digits after 0755, not 7
    [InlineData("+8614012345678")] // 140 is not an assigned mobile segment
    [InlineData("+8612012345678")] // nor is 12x
    [InlineData("+8610123456")] // too short for Beijing
    [InlineData("+12345678")] // +1 needs 10 digits
    [InlineData("+4420794609")] // a London number one digit short
    [InlineData("+999123456789")] // no such country code
    public void Knows_a_number_that_cannot_exist(string e164) => Assert.Null(PhoneNumberMetadata.Describe(e164));

    [Theory]
    // Describe builds Chinese numbers from their digits instead of the library's parser: the place is still the one the
    // geocoder gives for the parsed number (a sibling described first, as in an import).
    [InlineData("+8613912340000", "+8613912345678")]
    [InlineData("+8615012345678", "+8615012349999")]
    [InlineData("+8675512340000", "+8675512345678")]
    [InlineData("+861062340000", "+861062345678")]
    [InlineData("+8657187650000", "+8657187654321")]
    public void The_place_is_the_one_the_geocoder_gives_the_parsed_number(string sibling, string e164)
    {
        PhoneNumberMetadata.Describe(sibling);

        var facts = PhoneNumberMetadata.Describe(e164);

        var number = PhoneNumbers.PhoneNumberUtil.GetInstance().Parse(e164, null);
        var description = PhoneNumbers.PhoneNumberOfflineGeocoder.GetInstance().GetDescriptionForValidNumber(number, new PhoneNumbers.Locale("zh", "CN"));
        Assert.NotNull(facts);
        Assert.Equal(ChinaPlace.Split(description), (facts.Province, facts.City));
    }

    [Theory]
    [InlineData("江苏省常州市", "江苏省", "常州市")]
    [InlineData("北京市", "北京市", "北京市")]
    [InlineData("重庆市", "重庆市", "重庆市")]
    [InlineData("广西壮族自治区南宁市", "广西壮族自治区", "南宁市")]
    [InlineData("新疆维吾尔自治区乌鲁木齐市", "新疆维吾尔自治区", "乌鲁木齐市")]
    [InlineData("广西壮族自治区南宁市、崇左市", "广西壮族自治区", "南宁市")]
    [InlineData("江苏省", "江苏省", null)]
    [InlineData("中国", null, null)]
    [InlineData("", null, null)]
    [InlineData(null, null, null)]
    public void Splits_a_Chinese_place_into_province_and_city(string? description, string? province, string? city) =>
        Assert.Equal((province, city), ChinaPlace.Split(description));

    [Theory]
    [InlineData("0755-8888888")]
    [InlineData("+86 140 1234 5678")]
    [InlineData("14012345678")]
    public void A_contact_number_that_cannot_exist_is_rejected_as_invalid_number(string raw)
    {
        Assert.True(PhoneNumberNormalizer.Normalize(raw).IsValid, "the format rules alone accept it");
        Assert.Equal(new NormalizedPhone(null, RejectReason.InvalidNumber, null), PhoneNumberNormalizer.NormalizeAndValidate(raw));
    }

    [Fact]
    public void An_accepted_contact_number_carries_its_facts()
    {
        var result = PhoneNumberNormalizer.NormalizeAndValidate("139 1234 5678 转 8");

        Assert.Equal(new NormalizedPhone("+8613912345678", null, "8", new NumberFacts(NumberKind.Mobile, "江苏省", "常州市")), result);
    }

    [Fact]
    public void A_format_reject_keeps_its_own_reason() =>
        Assert.Equal(RejectReason.TooShort, PhoneNumberNormalizer.NormalizeAndValidate("1380013").Reason);
}
