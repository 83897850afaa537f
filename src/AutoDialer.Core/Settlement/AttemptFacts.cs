using AutoDialer.Core.Dispositions;
using AutoDialer.Core.StoredWords;

namespace AutoDialer.Core.Settlement;

/// <summary>What is stored about an attempt when an outcome or a disposition for it arrives, read with its row locked.</summary>
/// <param name="Status">Its status at the moment of the write.</param>
/// <param name="Outcome">Its outcome if it is settled; null while it is live.</param>
/// <param name="IsLatestOfContact">No newer attempt of its contact exists.</param>
/// <param name="Disposition">The disposition its agent recorded, if any.</param>
internal sealed record AttemptFacts(AttemptStatus Status, CallOutcome? Outcome, bool IsLatestOfContact, StoredDisposition? Disposition = null);
