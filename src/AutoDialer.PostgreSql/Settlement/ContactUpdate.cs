using AutoDialer.Core.Settlement;
using AutoDialer.Core.StoredWords;

namespace AutoDialer.PostgreSql.Settlement;

/// <summary>A contact's change after one of its attempts was settled with <paramref name="Outcome"/>.</summary>
internal sealed record ContactUpdate(long ContactId, ContactChange Change, CallOutcome Outcome);
