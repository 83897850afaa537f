using AutoDialer.Core.StoredWords;

namespace AutoDialer.Core.Import;

/// <summary>
/// What the metadata knows about a valid number: its kind and, for a Chinese number, the province and city it belongs
/// to (a mobile's by its segment, a landline's by its area code), in Chinese; null where the metadata has none.
/// </summary>
internal sealed record NumberFacts(NumberKind Kind, string? Province, string? City);
