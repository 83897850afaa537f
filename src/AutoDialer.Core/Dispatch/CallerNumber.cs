using AutoDialer.Core.Import;

namespace AutoDialer.Core.Dispatch;

/// <summary>A number a campaign may show to the people it calls.</summary>
/// <param name="Id">Stable id (the vendor's number or pool id where it has one).</param>
/// <param name="Number">The number in E.164, e.g. <c>+861062345678</c>.</param>
/// <param name="AreaCode">The area it is local to, e.g. <c>010</c>, <c>0755</c>; used by local presence.</param>
/// <param name="DailyCap">Calls a day from this number; 0 takes the campaign's default (<see cref="RotationPolicy.DailyCap"/>).</param>
/// <param name="Province">The province it is local to (中文, e.g. <c>广东省</c>); null: the metadata's, from <paramref name="Number"/>.</param>
/// <param name="City">The city it is local to (中文, e.g. <c>深圳市</c>); null: the metadata's, from <paramref name="Number"/>.</param>
internal sealed record CallerNumber(string Id, string Number, string? AreaCode = null, int DailyCap = 0, string? Province = null, string? City = null)
{
    /// <summary>
    /// This number with its place filled in from libphonenumber's metadata where the user set none (a number the
    /// metadata does not place keeps none).
    /// </summary>
    public CallerNumber WithPlace()
    {
        if (Province is not null && City is not null)
        {
            return this;
        }

        var facts = PhoneNumberMetadata.Describe(Number);
        return this with { Province = Province ?? facts?.Province, City = City ?? facts?.City };
    }
}
