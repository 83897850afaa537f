using AutoDialer.Core.Callbacks;
using AutoDialer.Core.StoredWords;

namespace AutoDialer.Core.Settlement;

/// <summary>What settling an attempt (or its disposition) does to its contact.</summary>
/// <param name="Due">When it is due again; null keeps the stored due time.</param>
/// <param name="Refund">The attempt is given back to the contact's budget (and today's count): the call never happened, so a
/// callback it was to dial stays scheduled.</param>
/// <param name="Callback">The callback the contact now waits for; null: none (one it waited for was dialled, or is given up).</param>
internal sealed record ContactChange(ContactState State, DateTimeOffset? Due = null, bool Refund = false, ScheduledCallback? Callback = null);
