using AutoDialer.Core.Settlement;
using AutoDialer.Core.StoredWords;

namespace AutoDialer.PostgreSql.Settlement;

/// <summary>A contact's change after one of its attempts was settled with <paramref name="Outcome"/>.</summary>
/// <param name="Number">What the outcome does to the contact's numbers (<see cref="NextNumberRule"/>); null: nothing.</param>
internal sealed record ContactUpdate(long ContactId, ContactChange Change, CallOutcome Outcome, NumberStep? Number = null);
