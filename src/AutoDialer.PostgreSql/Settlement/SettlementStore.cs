using AutoDialer.PostgreSql.Campaigns;
using Npgsql;

namespace AutoDialer.PostgreSql.Settlement;

/// <summary>
/// The storage half of settlement: it reads the attempts to settle, locked, and writes what the engine decided, and
/// decides nothing (<see cref="SettlementTransaction"/>).
/// </summary>
internal sealed class SettlementStore(NpgsqlDataSource dataSource, CampaignSettingsCache settingsCache)
{
    /// <summary>
    /// Opens a settlement transaction for <paramref name="attemptIds"/> and reads them, locked, with their contacts and
    /// campaigns' settings (<see cref="SettlementTransaction.Attempts"/>); an id that names no attempt is left out.
    /// </summary>
    public Task<SettlementTransaction> BeginAsync(IReadOnlyCollection<long> attemptIds, CancellationToken cancellationToken) =>
        SettlementTransaction.BeginAsync(dataSource, settingsCache, attemptIds, cancellationToken);
}
