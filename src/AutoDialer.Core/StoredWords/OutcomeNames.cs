namespace AutoDialer.Core.StoredWords;

/// <summary>
/// Wire names of call outcomes, as stored and reported. Kept as plain strings in this one file until the
/// dialing layer's outcome type replaces them.
/// </summary>
public static class OutcomeNames
{
    public const string Answered = "answered";
    public const string NoAnswer = "no_answer";
    public const string Busy = "busy";
    public const string Rejected = "rejected";
    public const string Failed = "failed";
    public const string Blacklisted = "blacklisted";
    public const string Invalid = "invalid";
    public const string Unknown = "unknown";
}
