using AutoDialer.Core.StoredWords;

namespace AutoDialer.Core.Dispatch;

/// <summary>The dial gate's answer for one contact: <see cref="Allowed"/>, or a refusal that says what becomes of the contact.</summary>
internal abstract record DialVerdict
{
    private DialVerdict()
    {
    }

    public static Allowed Allow { get; } = new();

    /// <summary>Dial now.</summary>
    public sealed record Allowed : DialVerdict;

    /// <summary>
    /// Not now, for <see cref="Reason"/>. <see cref="NotBefore"/> is the earliest the gate could say yes (a window
    /// opening, a frequency cap freeing up); null when time alone does not help (do-not-call, budget, daily cap,
    /// a campaign not running).
    /// </summary>
    public sealed record Refused(DialRefusal Reason, DateTimeOffset? NotBefore = null) : DialVerdict;
}
