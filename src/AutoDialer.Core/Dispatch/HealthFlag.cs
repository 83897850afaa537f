namespace AutoDialer.Core.Dispatch;

/// <summary>A sign that carriers or phone apps may have marked a caller number; named in the API by <see cref="HealthFlags"/>.</summary>
internal enum HealthFlag
{
    LowAnswerRate,
    ShortCalls,
    Rejects,
    Complaints,
    WrongNumbers,
}
