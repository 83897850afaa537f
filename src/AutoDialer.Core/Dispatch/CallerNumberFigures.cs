namespace AutoDialer.Core.Dispatch;

/// <summary>A caller number's recent calls, as its health is judged on them.</summary>
/// <param name="Calls">Calls in the window that said whether the customer answered.</param>
/// <param name="Answered">Of those, answered.</param>
/// <param name="ShortAnswered">Of the answered, shorter than the campaign's short call.</param>
/// <param name="Rejected">Of the calls, rejected.</param>
/// <param name="Complaints">Of its recent calls, those given a complaint disposition.</param>
/// <param name="WrongNumbers">Of its recent calls, those given a disposition whose effect is wrong number.</param>
internal sealed record CallerNumberFigures(int Calls, int Answered, int ShortAnswered, int Rejected, int Complaints = 0, int WrongNumbers = 0)
{
    public double? AnswerRate => Calls == 0 ? null : (double)Answered / Calls;

    public double? ShortCallShare => Answered == 0 ? null : (double)ShortAnswered / Answered;

    public double? RejectShare => Calls == 0 ? null : (double)Rejected / Calls;
}
