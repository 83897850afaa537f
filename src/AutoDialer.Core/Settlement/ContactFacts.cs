using AutoDialer.Core.StoredWords;

namespace AutoDialer.Core.Settlement;

/// <summary>What is stored about an attempt's contact when an outcome for the attempt arrives, read with its row locked.</summary>
/// <param name="Attempts">Attempts in all, including the one being settled.</param>
/// <param name="AttemptsToday">Attempts today, including the one being settled.</param>
/// <param name="OnDoNotCallList">Its number is on the do-not-call list now.</param>
internal sealed record ContactFacts(ContactState State, int Attempts, int AttemptsToday, bool OnDoNotCallList);
