namespace AutoDialer.Core.Dispatch;

/// <summary>
/// Shows a number from the callee's own area when one may be used, because people answer local numbers more often;
/// otherwise any number. The choice among local numbers, and eligibility, are the fallback's.
/// </summary>
/// <param name="fallback">Chooses among the local numbers, and among all numbers when no local one can be used.</param>
/// <param name="mobileToAreaCode">Home area of a mobile number (see <see cref="ChinaAreaCode.Of"/>); may be null.</param>
internal sealed class LocalPresenceRotation(
    ICallerNumberRotation fallback,
    Func<string, string?>? mobileToAreaCode = null) : ICallerNumberRotation
{
    private readonly ICallerNumberRotation _fallback = fallback ?? throw new ArgumentNullException(nameof(fallback));

    public CallerNumber? Choose(CallerNumberChoice request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (ChinaAreaCode.Of(request.CalleeNumber, mobileToAreaCode) is { } area)
        {
            var local = request.Numbers.Where(number => ChinaAreaCode.SameArea(number.AreaCode, area)).ToList();
            if (local.Count > 0 && _fallback.Choose(request with { Numbers = local }) is { } chosen)
            {
                return chosen;
            }
        }

        return _fallback.Choose(request);
    }
}
