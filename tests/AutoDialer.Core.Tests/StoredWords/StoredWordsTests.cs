using System.Collections;
using System.Reflection;
using AutoDialer.Core.StoredWords;

namespace AutoDialer.Core.Tests.StoredWords;

/// <summary>
/// Every stored vocabulary has one shape (Quartz's AdoConstants idea): a class of constants, one per stored name, with
/// <c>All</c>, <c>ToName</c> and <c>Parse</c>; each name parses back to its member, and the constants are exactly the
/// names. The schema's CHECK lists are held against the same classes in AutoDialer.PostgreSql.Tests.
/// </summary>
public class StoredWordsTests
{
    /// <summary>The vocabulary class, its enum, and constants that are not a member's name (with why).</summary>
    public static TheoryData<Type, Type, string[]> Vocabularies() => new()
    {
        { typeof(ContactStates), typeof(ContactState), [] },
        { typeof(AttemptStatuses), typeof(AttemptStatus), [] },
        { typeof(CampaignStates), typeof(CampaignState), [] },
        { typeof(UploadStatuses), typeof(UploadStatus), [] },
        { typeof(DialGateStages), typeof(DialGateStage), [] },
        { typeof(CallOutcomes), typeof(CallOutcome), [] },
        { typeof(DialRefusals), typeof(DialRefusal), [] },
        { typeof(AuditActions), typeof(AuditAction), [] },
        { typeof(AuditActorKinds), typeof(AuditActorKind), [] },
        { typeof(AuditTargets), typeof(AuditTarget), [] },
        { typeof(EventVendors), typeof(EventVendor), [] },
        // The agent board's word for a state no event has told: never a vendor's word, so no member's name.
        { typeof(AgentStates), typeof(AgentState), [AgentStates.Unknown] },
    };

    [Theory]
    [MemberData(nameof(Vocabularies))]
    public void Each_name_parses_back_to_its_member_and_the_constants_are_exactly_the_names(Type words, Type word, string[] notNames)
    {
        var all = ((IEnumerable)words.GetProperty("All", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!).Cast<object>().ToList();
        var toName = words.GetMethod("ToName", BindingFlags.Public | BindingFlags.Static, [word]);
        var parse = words.GetMethod("Parse", BindingFlags.Public | BindingFlags.Static, [typeof(string)]);
        Assert.NotNull(toName);
        Assert.NotNull(parse);

        var names = all.Select(member => (string)toName.Invoke(null, [member])!).ToList();
        Assert.All(all.Zip(names), pair => Assert.Equal(pair.First, parse.Invoke(null, [pair.Second])));
        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
        var constants = words.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string)).Select(f => (string)f.GetRawConstantValue()!);
        Assert.Equal(names.Order(StringComparer.Ordinal), constants.Except(notNames).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Vocabularies))]
    public void Every_member_but_an_agent_s_unknown_state_has_a_name(Type words, Type word, string[] notNames)
    {
        Assert.NotNull(notNames);
        var all = ((IEnumerable)words.GetProperty("All")!.GetValue(null)!).Cast<object>();
        var nameless = Enum.GetValues(word).Cast<object>().Except(all).ToList();

        Assert.True(nameless.Count == 0 || (word == typeof(AgentState) && nameless.SequenceEqual([AgentState.Unknown])), string.Join(", ", nameless));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Pending")]
    [InlineData("no such word")]
    public void A_word_no_vocabulary_knows_is_refused(string text)
    {
        Assert.Throws<FormatException>(() => ContactStates.Parse(text));
        Assert.Throws<FormatException>(() => AttemptStatuses.Parse(text));
        Assert.Throws<FormatException>(() => CampaignStates.Parse(text));
        Assert.Throws<FormatException>(() => UploadStatuses.Parse(text));
        Assert.Throws<FormatException>(() => DialGateStages.Parse(text));
        Assert.Throws<FormatException>(() => DialRefusals.Parse(text));
        Assert.Throws<FormatException>(() => CallOutcomes.Parse(text));
        Assert.Throws<FormatException>(() => AuditActions.Parse(text));
        Assert.Throws<FormatException>(() => AuditActorKinds.Parse(text));
        Assert.Throws<FormatException>(() => AuditTargets.Parse(text));
        Assert.Throws<FormatException>(() => EventVendors.Parse(text));
        // Agent states come from remote pages: an unknown word is no error.
        Assert.Equal(AgentState.Unknown, AgentStates.Parse(text));
    }
}
