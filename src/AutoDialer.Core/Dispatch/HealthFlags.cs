namespace AutoDialer.Core.Dispatch;

/// <summary>The API's and the dashboard's names of <see cref="HealthFlag"/>s.</summary>
internal static class HealthFlags
{
    public const string LowAnswerRate = "low_answer_rate";
    public const string ShortCalls = "short_calls";
    public const string Rejects = "rejects";
    public const string Complaints = "complaints";
    public const string WrongNumbers = "wrong_numbers";

    public static string ToName(this HealthFlag flag) => flag switch
    {
        HealthFlag.LowAnswerRate => LowAnswerRate,
        HealthFlag.ShortCalls => ShortCalls,
        HealthFlag.Rejects => Rejects,
        HealthFlag.Complaints => Complaints,
        HealthFlag.WrongNumbers => WrongNumbers,
        _ => throw new ArgumentOutOfRangeException(nameof(flag), flag, "Not a health flag."),
    };
}
