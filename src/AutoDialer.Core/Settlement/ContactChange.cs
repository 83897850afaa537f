using AutoDialer.Core.StoredWords;

namespace AutoDialer.Core.Settlement;

/// <summary>What settling an attempt does to its contact.</summary>
/// <param name="Due">When it is due again; null keeps the stored due time.</param>
/// <param name="Refund">The attempt is given back to the contact's budget (and today's count): the call never happened.</param>
internal sealed record ContactChange(ContactState State, DateTimeOffset? Due = null, bool Refund = false);
