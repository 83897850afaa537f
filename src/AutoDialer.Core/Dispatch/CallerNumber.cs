namespace AutoDialer.Core.Dispatch;

/// <summary>A number a campaign may show to the people it calls.</summary>
/// <param name="Id">Stable id (the vendor's number or pool id where it has one).</param>
/// <param name="Number">The number in E.164, e.g. <c>+861062345678</c>.</param>
/// <param name="AreaCode">The area it is local to, e.g. <c>010</c>, <c>0755</c>; used by local presence.</param>
/// <param name="DailyCap">Calls a day from this number; 0 takes the campaign's default (<see cref="RotationPolicy.DailyCap"/>).</param>
internal sealed record CallerNumber(string Id, string Number, string? AreaCode = null, int DailyCap = 0);
