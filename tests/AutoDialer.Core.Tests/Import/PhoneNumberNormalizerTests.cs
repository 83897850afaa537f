using AutoDialer.Core.Import;

namespace AutoDialer.Core.Tests.Import;

public sealed class PhoneNumberNormalizerTests
{
    [Theory]
    // 1. NFKC and trim
    [InlineData("１３８００１３８０００", "+8613800138000", null)]
    [InlineData("＋８６ １３８ ００１３ ８０００", "+8613800138000", null)]
    [InlineData("\u300013800138000\u3000", "+8613800138000", null)]
    [InlineData("  13800138000\t", "+8613800138000", null)]
    [InlineData("138\u00A00013\u00A08000", "+8613800138000", null)]
    // 2. Excel artefacts
    [InlineData("=\"13800138000\"", "+8613800138000", null)]
    [InlineData(" =\" 13800138000 \" ", "+8613800138000", null)]
    [InlineData("13800138000.0", "+8613800138000", null)]
    [InlineData("=\"010-12345678\"", "+861012345678", null)]
    // 4. separators
    [InlineData("138 0013 8000", "+8613800138000", null)]
    [InlineData("138-0013-8000", "+8613800138000", null)]
    [InlineData("138.0013.8000", "+8613800138000", null)]
    [InlineData("(010) 1234/5678", "+861012345678", null)]
    // 5. international prefixes
    [InlineData("0086 138 0013 8000", "+8613800138000", null)]
    [InlineData("+86 138 0013 8000", "+8613800138000", null)]
    [InlineData("+86-138-0013-8000", "+8613800138000", null)]
    [InlineData("8613800138000", "+8613800138000", null)]
    [InlineData("+86 010 1234 5678", "+861012345678", null)]
    [InlineData("+86 10 1234 5678", "+861012345678", null)]
    // 6. China landlines
    [InlineData("010-12345678", "+861012345678", null)]
    [InlineData("0755-1234567", "+867551234567", null)]
    [InlineData("0755-12345678", "+8675512345678", null)]
    // ...and its E.164 reads back as itself (a 3-digit area code and 8 digits make "+86" and 11 digits, as a mobile does).
    [InlineData("+8675512345678", "+8675512345678", null)]
    [InlineData("+86 755 1234 5678", "+8675512345678", null)]
    [InlineData("0101234567", "+86101234567", null)]
    [InlineData("010123456789", "+8610123456789", null)]
    // 6. other E.164
    [InlineData("+1 (415) 555-2671", "+14155552671", null)]
    [InlineData("+44 20 7946 0958", "+442079460958", null)]
    [InlineData("00 44 20 7946 0958", "+442079460958", null)]
    [InlineData("+12345678", "+12345678", null)]
    [InlineData("+123456789012345", "+123456789012345", null)]
    public void Accepts_and_normalises_to_E164(string raw, string expected, string? extension)
    {
        var result = PhoneNumberNormalizer.Normalize(raw);

        Assert.Equal(new NormalizedPhone(expected, null, extension), result);
        Assert.True(result.IsValid);
    }

    [Theory]
    [InlineData("010-12345678 ext 123", "+861012345678", "123")]
    [InlineData("010-12345678 EXT. 123", "+861012345678", "123")]
    [InlineData("010-12345678ext.123", "+861012345678", "123")]
    [InlineData("13800138000x12", "+8613800138000", "12")]
    [InlineData("13800138000 X 12", "+8613800138000", "12")]
    [InlineData("010-12345678#801", "+861012345678", "801")]
    [InlineData("010-12345678 # 801 ", "+861012345678", "801")]
    [InlineData("010-12345678转801", "+861012345678", "801")]
    [InlineData("０１０－１２３４５６７８ 转 ８０１", "+861012345678", "801")]
    [InlineData("+1 415 555 2671 ext 7", "+14155552671", "7")]
    [InlineData("13800138000#", "+8613800138000", null)]
    [InlineData("13800138000 ext ", "+8613800138000", null)]
    public void Splits_off_the_extension_without_dialling_it(string raw, string expected, string? extension)
    {
        Assert.Equal(new NormalizedPhone(expected, null, extension), PhoneNumberNormalizer.Normalize(raw));
    }

    [Theory]
    // empty
    [InlineData(null, "empty")]
    [InlineData("", "empty")]
    [InlineData("   ", "empty")]
    [InlineData("\u3000", "empty")]
    [InlineData("=\"\"", "empty")]
    [InlineData("=\"  \"", "empty")]
    [InlineData("--", "empty")]
    [InlineData("( ) /", "empty")]
    // excel_scientific
    [InlineData("1.38001E+10", "excel_scientific")]
    [InlineData("1.38E10", "excel_scientific")]
    [InlineData("1.38e+10", "excel_scientific")]
    [InlineData("1,38E+10", "excel_scientific")]
    [InlineData("138E-2", "excel_scientific")]
    [InlineData("=\"1.38001E+10\"", "excel_scientific")]
    [InlineData("１.３８００１Ｅ＋１０", "excel_scientific")]
    // invalid_format: characters
    [InlineData("abc", "invalid_format")]
    [InlineData("1380013800O", "invalid_format")]
    [InlineData("tel 13800138000", "invalid_format")]
    [InlineData("138+00138000", "invalid_format")]
    [InlineData("++8613800138000", "invalid_format")]
    [InlineData("#13800138000", "invalid_format")]
    [InlineData("x13800138000", "invalid_format")]
    [InlineData("13800138000;13900139000", "invalid_format")]
    [InlineData("1.38E", "invalid_format")]
    [InlineData("=13800138000", "invalid_format")]
    // invalid_format: plausible length, no pattern
    [InlineData("12345678901", "invalid_format")]
    // The brief strips 86 before exactly 11 digits; without the "+" a landline written without its trunk 0 is unrecognisable.
    [InlineData("8675512345678", "invalid_format")]
    [InlineData("+86 12345678901", "invalid_format")]
    [InlineData("8612345678901", "invalid_format")]
    [InlineData("62345678", "invalid_format")]
    [InlineData("623456789", "invalid_format")]
    [InlineData("555-2671-4155", "invalid_format")]
    [InlineData("923456789012345", "invalid_format")]
    // too_short / too_long per branch
    [InlineData("+", "too_short")]
    [InlineData("+1234567", "too_short")]
    [InlineData("00 1234567", "too_short")]
    [InlineData("+1234567890123456", "too_long")]
    [InlineData("1380013800", "too_short")]
    [InlineData("138001380001", "too_long")]
    [InlineData("1", "too_short")]
    [InlineData("010123456", "too_short")]
    [InlineData("0101234567890", "too_long")]
    [InlineData("0", "too_short")]
    [InlineData("1234567", "too_short")]
    [InlineData("1234567890123456", "too_long")]
    [InlineData("13800138000.00", "too_long")]
    public void Rejects_with_a_reason(string? raw, string reason)
    {
        var result = PhoneNumberNormalizer.Normalize(raw);

        Assert.Equal(new NormalizedPhone(null, reason, null), result);
        Assert.False(result.IsValid);
    }

    [Fact]
    public void Reason_codes_are_the_documented_snake_case_strings()
    {
        Assert.Equal(
            ["empty", "excel_scientific", "invalid_format", "too_short", "too_long", "duplicate", "extra_fields", "bad_quotes"],
            new[]
            {
                RejectReason.Empty, RejectReason.ExcelScientific, RejectReason.InvalidFormat, RejectReason.TooShort,
                RejectReason.TooLong, RejectReason.Duplicate, RejectReason.ExtraFields, RejectReason.BadQuotes,
            });
    }

    [Fact]
    public void A_cell_longer_than_the_stack_buffer_is_judged_not_crashed()
    {
        Assert.Equal(RejectReason.TooLong, PhoneNumberNormalizer.Normalize(new string('9', 500)).Reason);
        Assert.Equal(RejectReason.InvalidFormat, PhoneNumberNormalizer.Normalize("1" + new string('a', 500)).Reason);
    }
}
