namespace AutoDialer.Core.Telephony;

/// <summary>
/// What a vendor accepts as business id. Meiqia documents <c>userData</c> as "最多 300 个字符" (at most 300
/// characters); Udesk documents no limit for <c>Options.BizId</c>, so none is invented for it. A business id that
/// breaks the rule is refused before anything is sent, so nothing is dialled.
/// </summary>
internal sealed record BusinessIdRule(int? MaxLength)
{
    public const int MeiqiaUserDataMaxLength = 300;

    public static BusinessIdRule Udesk { get; } = new((int?)null);

    public static BusinessIdRule Meiqia { get; } = new(MeiqiaUserDataMaxLength);

    /// <summary>Null when <paramref name="businessId"/> may be sent; otherwise the typed failure to return.</summary>
    public VendorResult? Check(string businessId)
    {
        ArgumentNullException.ThrowIfNull(businessId);
        if (businessId.Length == 0)
        {
            return VendorResult.Failure(VendorCodes.InvalidRequest, "the business id is empty");
        }

        return MaxLength is { } max && businessId.Length > max
            ? VendorResult.Failure(VendorCodes.BusinessIdTooLong, $"the business id has {businessId.Length} characters; at most {max} are allowed")
            : null;
    }
}
