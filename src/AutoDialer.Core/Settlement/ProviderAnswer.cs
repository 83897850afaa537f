namespace AutoDialer.Core.Settlement;

/// <summary>What the stale sweeper learnt when it asked about one attempt's call.</summary>
internal enum ProviderAnswer
{
    /// <summary>Nobody here could be asked: the agent has no session on this node.</summary>
    NotAsked,

    /// <summary>
    /// Asked, but no answer: a timeout, an open circuit, an error, or a session too new to know (a page that reconnected
    /// and has not reported a call state yet). Not "no call".
    /// </summary>
    CouldNotAsk,

    /// <summary>The provider answered, and the agent is not on this attempt's call.</summary>
    NoSuchCall,

    /// <summary>The provider answered, and the agent is on this attempt's call.</summary>
    StillOnCall,

    /// <summary>
    /// The agent's page answered for the make-call itself: it had the session the make-call was sent on, has left it
    /// (or the make-call's deadline had passed when it said so), and never handed this business id to its SDK. The call
    /// was not placed.
    /// </summary>
    NeverDialled,
}
