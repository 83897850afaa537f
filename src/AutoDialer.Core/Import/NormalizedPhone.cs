namespace AutoDialer.Core.Import;

/// <summary>
/// Outcome of normalising one raw phone cell: either an E.164 <paramref name="Phone"/> (with an optional
/// extension that is kept but never dialled) or a <see cref="RejectReason"/> code. <paramref name="Facts"/> is what the
/// metadata knows about the number, when it was asked (<see cref="PhoneNumberNormalizer.NormalizeAndValidate"/>).
/// </summary>
internal readonly record struct NormalizedPhone(string? Phone, string? Reason, string? Extension, NumberFacts? Facts = null)
{
    public bool IsValid => Phone is not null;
}
