namespace AutoDialer.Telephony.Bridge;

/// <summary>What became of a page's decision on an offer.</summary>
internal enum OfferDecision
{
    /// <summary>Taken: the offer ends with it.</summary>
    Taken,

    /// <summary>The session has no open offer for that attempt (decided already, timed out, or another agent's).</summary>
    NoSuchOffer,

    /// <summary>A skip the offer did not allow: the countdown runs on.</summary>
    SkipNotAllowed,
}
