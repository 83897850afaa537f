using System.Text.RegularExpressions;
using AutoDialer.Core.Campaigns;
using AutoDialer.Core.StoredWords;

namespace AutoDialer.Core.Dispositions;

/// <summary>
/// A campaign's wrap-up codes and the rules for recording one: until when after the hang-up an agent may, and whether
/// dispatch waits for it before handing the agent its next call.
/// </summary>
internal sealed partial record DispositionPolicy
{
    public const int MaxCodeLength = 40;
    public const int MaxLabelLength = 100;

    /// <summary>The codes a campaign gets when it names none: one per effect.</summary>
    public static IReadOnlyList<DispositionCode> DefaultCodes { get; } =
    [
        new("success", "成功", "Success", DispositionEffect.FinalSuccess),
        new("not_interested", "无意向", "Not interested", DispositionEffect.FinalFailure),
        new("call_back", "预约回拨", "Call back", DispositionEffect.Callback),
        new("try_later", "稍后再拨", "Try again later", DispositionEffect.RetryAfter, TimeSpan.FromHours(1)),
        new("do_not_call", "拒绝再联系", "Do not call", DispositionEffect.DoNotCall),
        new("wrong_number", "号码错误", "Wrong number", DispositionEffect.WrongNumber),
    ];

    /// <summary>The codes the campaign's agents may record. The default value is <see cref="DefaultCodes"/>.</summary>
    public IReadOnlyList<DispositionCode> Codes { get; init; } = DefaultCodes;

    /// <summary>How long after the hang-up a disposition is still accepted (one recorded during the call always is).</summary>
    /// <value>The default value is 30 minutes. The value must be between 0 and 7 days.</value>
    public TimeSpan AcceptFor { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>After an answered call, dispatch hands the agent no next call until its disposition is recorded, or
    /// <see cref="WrapUpTimeout"/> has passed. The default value is false.</summary>
    public bool WaitInWrapUp { get; init; }

    /// <summary>With <see cref="WaitInWrapUp"/>: the longest an agent is kept from its next call for want of a disposition.</summary>
    /// <value>The default value is 2 minutes. The value must be between 0 and 1 hour.</value>
    public TimeSpan WrapUpTimeout { get; init; } = TimeSpan.FromMinutes(2);

    public static readonly TimeSpan MaxAcceptFor = TimeSpan.FromDays(7);
    public static readonly TimeSpan MaxWrapUpTimeout = TimeSpan.FromHours(1);

    /// <summary>The code named <paramref name="code"/>, or null when the campaign has none by that name.</summary>
    public DispositionCode? Find(string code) => Codes.FirstOrDefault(c => string.Equals(c.Code, code, StringComparison.Ordinal));

    /// <summary>Problems that make this policy unusable; empty when it is fine.</summary>
    public IReadOnlyList<SettingsError> Validate()
    {
        var errors = new List<SettingsError>();
        if (Codes is null)
        {
            errors.Add(new SettingsError("codes", "Required; use an empty list for none."));
        }
        else
        {
            var firstIndex = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < Codes.Count; i++)
            {
                var field = $"codes[{i}]";
                if (Codes[i] is not { } code)
                {
                    errors.Add(new SettingsError(field, "Required."));
                    continue;
                }

                if (code.Code is null || !CodeShape().IsMatch(code.Code))
                    errors.Add(new SettingsError($"{field}.code", $"'{code.Code}' is not a code: 1 to {MaxCodeLength} lower-case letters, digits or '_'."));
                else if (!firstIndex.TryAdd(code.Code, i))
                    errors.Add(new SettingsError($"{field}.code", $"'{code.Code}' is already the code of codes[{firstIndex[code.Code]}]."));
                if (string.IsNullOrWhiteSpace(code.LabelZh) || code.LabelZh.Length > MaxLabelLength)
                    errors.Add(new SettingsError($"{field}.label_zh", $"A label of 1 to {MaxLabelLength} characters is required."));
                if (string.IsNullOrWhiteSpace(code.LabelEn) || code.LabelEn.Length > MaxLabelLength)
                    errors.Add(new SettingsError($"{field}.label_en", $"A label of 1 to {MaxLabelLength} characters is required."));
                if (!Enum.IsDefined(code.Effect))
                    errors.Add(new SettingsError($"{field}.effect", $"Effect {(int)code.Effect} is not defined."));
                if (code.Effect == DispositionEffect.RetryAfter && code.RetryAfter is null)
                    errors.Add(new SettingsError($"{field}.retry_after", "Required with the effect retry_after."));
                else if (code.Effect == DispositionEffect.RetryAfter && code.RetryAfter < TimeSpan.Zero)
                    errors.Add(new SettingsError($"{field}.retry_after", $"Must not be negative, not {code.RetryAfter}."));
                else if (code.Effect != DispositionEffect.RetryAfter && code.RetryAfter is not null)
                    errors.Add(new SettingsError($"{field}.retry_after", $"Only for the effect retry_after, not {code.Effect.ToName()}."));
            }
        }

        if (AcceptFor < TimeSpan.Zero || AcceptFor > MaxAcceptFor)
            errors.Add(new SettingsError("accept_for", $"Must be between 00:00:00 and {MaxAcceptFor}, not {AcceptFor}."));
        if (WrapUpTimeout < TimeSpan.Zero || WrapUpTimeout > MaxWrapUpTimeout)
            errors.Add(new SettingsError("wrap_up_timeout", $"Must be between 00:00:00 and {MaxWrapUpTimeout}, not {WrapUpTimeout}."));
        return errors;
    }

    [GeneratedRegex("^[a-z0-9_]{1,40}$")]
    private static partial Regex CodeShape();
}
