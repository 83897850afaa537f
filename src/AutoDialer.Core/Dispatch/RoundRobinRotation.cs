namespace AutoDialer.Core.Dispatch;

/// <summary>Takes the eligible numbers in turn: the request's cursor, modulo how many are eligible.</summary>
internal sealed class RoundRobinRotation(CallerNumberEligibility? eligibility = null) : ICallerNumberRotation
{
    private readonly CallerNumberEligibility _eligibility = eligibility ?? CallerNumberEligibility.Unlimited;

    public CallerNumber? Choose(CallerNumberChoice request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var eligible = _eligibility.Eligible(request);
        if (eligible.Count == 0)
        {
            return null;
        }

        // The remainder of a negative cursor is negative; shift it into range rather than fail.
        var index = (int)(((request.Cursor % eligible.Count) + eligible.Count) % eligible.Count);
        return eligible[index].Number;
    }
}
