namespace AutoDialer.PostgreSql.Dispatch;

/// <summary>Of a caller number's recent calls (<see cref="DispositionWindow"/>), those given a complaint disposition and those given a wrong number.</summary>
internal sealed record DispositionCounts(int Complaints, int WrongNumbers)
{
    public static DispositionCounts None { get; } = new(0, 0);
}
