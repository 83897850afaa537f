using System.Text.Json;
using AutoDialer.Core.StoredWords;

namespace AutoDialer.Core.Tests.StoredWords;

public class CallOutcomeTests
{
    [Theory]
    [InlineData(CallOutcome.Answered, "answered")]
    [InlineData(CallOutcome.NoAnswer, "no_answer")]
    [InlineData(CallOutcome.Busy, "busy")]
    [InlineData(CallOutcome.Rejected, "rejected")]
    [InlineData(CallOutcome.Failed, "failed")]
    [InlineData(CallOutcome.Blacklisted, "blacklisted")]
    [InlineData(CallOutcome.Invalid, "invalid")]
    [InlineData(CallOutcome.Unknown, "unknown")]
    internal void Wire_names_are_the_documented_snake_case_and_parse_back(CallOutcome outcome, string wireName)
    {
        Assert.Equal(wireName, outcome.ToName());
        Assert.Equal(outcome, CallOutcomes.Parse(wireName));
        Assert.Equal(outcome, CallOutcomes.Parse(wireName.ToUpperInvariant()));
        Assert.Equal($"\"{wireName}\"", JsonSerializer.Serialize(outcome));
        Assert.Equal(outcome, JsonSerializer.Deserialize<CallOutcome>($"\"{wireName}\""));
    }

    [Fact]
    public void Every_outcome_has_a_distinct_wire_name()
    {
        var names = CallOutcomes.All.Select(o => o.ToName()).ToList();

        Assert.Equal(8, names.Count);
        Assert.Equal(names.Count, names.Distinct().Count());
    }

    [Theory]
    [InlineData("")]
    [InlineData("noanswer")]
    [InlineData("NoAnswer")]
    [InlineData("2")]
    [InlineData(" busy")]
    public void Parse_rejects_anything_but_a_wire_name(string text)
    {
        var error = Assert.Throws<FormatException>(() => CallOutcomes.Parse(text));
        Assert.Contains("no_answer", error.Message);
        Assert.False(CallOutcomes.TryParse(text, out _));
    }

    [Fact]
    public void Undefined_values_have_no_wire_name()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ((CallOutcome)42).ToName());
    }

    [Fact]
    public void Json_refuses_numbers_because_numeric_values_are_not_a_contract()
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<CallOutcome>("2"));
    }

    [Fact]
    public void Json_dictionary_keys_use_wire_names()
    {
        var delays = new Dictionary<CallOutcome, int> { [CallOutcome.NoAnswer] = 1 };

        var json = JsonSerializer.Serialize(delays);

        Assert.Equal("""{"no_answer":1}""", json);
        Assert.Equal(1, JsonSerializer.Deserialize<Dictionary<CallOutcome, int>>(json)![CallOutcome.NoAnswer]);
    }
}
