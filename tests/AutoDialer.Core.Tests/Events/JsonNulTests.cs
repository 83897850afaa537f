using System.Text.Json;
using AutoDialer.Core.Events;

namespace AutoDialer.Core.Tests.Events;

public class JsonNulTests
{
    public static TheoryData<string, bool, string> Cases() => new()
    {
        { """{"a":"x"}""", false, """{"a":"x"}""" },
        { """{"a":"x\u0000y"}""", true, """{"a":"xy"}""" },
        { """{"a\u0000":1}""", true, """{"a":1}""" },
        { """{"a":[{"b":"\u0000"}],"n":12345678901234567890.5}""", true, """{"a":[{"b":""}],"n":12345678901234567890.5}""" },
        { """["\\u0000"]""", false, """["\\u0000"]""" }, // a backslash and "u0000": no NUL
        { "null", false, "null" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void NULs_are_found_in_strings_and_names_and_taken_out_leaving_the_rest_as_written(string json, bool hasNul, string cleaned)
    {
        using var document = JsonDocument.Parse(json);

        Assert.Equal(hasNul, JsonNul.In(document.RootElement));
        Assert.Equal(cleaned, JsonNul.Without(document.RootElement).GetRawText());
    }

    [Fact]
    public void A_string_dotnet_cannot_read_is_not_taken_for_a_NUL_nor_does_it_throw()
    {
        using var document = JsonDocument.Parse("""{"CallID":"\ud800"}""");

        Assert.False(JsonNul.In(document.RootElement));
    }
}
