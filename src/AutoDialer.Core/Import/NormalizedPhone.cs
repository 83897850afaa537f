namespace AutoDialer.Core.Import;

/// <summary>
/// Outcome of normalising one raw phone cell: either an E.164 <paramref name="Phone"/> (with an optional
/// extension that is kept but never dialled) or a <see cref="RejectReason"/> code.
/// </summary>
internal readonly record struct NormalizedPhone(string? Phone, string? Reason, string? Extension)
{
    public bool IsValid => Phone is not null;
}
