namespace AutoDialer.Core.Dispatch;

/// <summary>
/// Shows a number from the callee's own place when one may be used, because people answer local numbers more often:
/// one from the callee's city, else from its area code, else from its province; otherwise any number. The callee's
/// province and city are the ones stored at import (libphonenumber's metadata: a mobile's by its segment, a landline's
/// by its area code); a caller number's are its own (<see cref="CallerNumber.WithPlace"/>). The choice among local
/// numbers, and eligibility, are the fallback's.
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
        foreach (var local in LocalNumbers(request))
        {
            if (local.Count > 0 && _fallback.Choose(request with { Numbers = local }) is { } chosen)
            {
                return chosen;
            }
        }

        return _fallback.Choose(request);
    }

    /// <summary>The numbers local to the callee, nearest first: same city, same area code, same province.</summary>
    private IEnumerable<IReadOnlyList<CallerNumber>> LocalNumbers(CallerNumberChoice request)
    {
        if (request.CalleeCity is { } city)
        {
            yield return request.Numbers.Where(number => string.Equals(number.City, city, StringComparison.Ordinal)).ToList();
        }

        // Contacts imported before their place was stored, and caller numbers set up by area code alone.
        if (ChinaAreaCode.Of(request.CalleeNumber, mobileToAreaCode) is { } area)
        {
            yield return request.Numbers.Where(number => ChinaAreaCode.SameArea(number.AreaCode, area)).ToList();
        }

        if (request.CalleeProvince is { } province)
        {
            yield return request.Numbers.Where(number => string.Equals(number.Province, province, StringComparison.Ordinal)).ToList();
        }
    }
}
