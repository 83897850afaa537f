using System.Text.Json.Nodes;
using AutoDialer.Core.Import;
using AutoDialer.Core.Privacy;
using AutoDialer.Core.StoredWords;
using AutoDialer.PostgreSql.Audit;
using AutoDialer.PostgreSql.Dispatch;
using Dapper;
using Npgsql;

namespace AutoDialer.PostgreSql.DoNotCall;

/// <summary>
/// The do-not-call list. Numbers are normalised exactly like contacts, so "138 0013 8000" blocks +8613800138000.
/// Adding a number suppresses its contacts in every campaign that wait to be dialled (pending, or deferred to another
/// day) and have no other number (one that has moves on to it when the dial gate refuses the listed one); one being dialled right now is suppressed when its call settles (settlement reads the list), and the dial
/// gate reads the list again at every lease and just before every make-call, so a listed number is never dialled.
/// An addition answers only once every make-call to its numbers that the gate let through before it has been answered
/// (<see cref="Dispatch.DialFence"/>): after that answer, no call to them starts.
/// Given an <see cref="AuditActor"/>, an addition or removal writes its audit entry in its own transaction: the counts,
/// and the first <see cref="AuditedNumbers"/> numbers masked (<see cref="PhoneMask"/>), as logs and shared screens show them.
/// </summary>
internal sealed class DoNotCallList(NpgsqlDataSource dataSource)
{
    /// <summary>How many numbers of one addition or removal its audit entry names (masked); the counts cover them all.</summary>
    public const int AuditedNumbers = 20;

    public async Task<DoNotCallAddResult> AddAsync(IEnumerable<string> numbers, string source = "manual", AuditActor? actor = null,
        CancellationToken cancellationToken = default)
    {
        var (phones, invalid) = Normalize(numbers);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var added = await connection.ExecuteAsync(new CommandDefinition("""
            insert into dnc (phone, source) select unnest(@phones), @source on conflict (phone) do nothing
            """, new { phones, source }, transaction, cancellationToken: cancellationToken));
        var suppressed = await connection.ExecuteAsync(new CommandDefinition($"""
            update contacts set state = '{ContactStates.Suppressed}' where phone = any(@phones) and state in ('{ContactStates.Pending}', '{ContactStates.Deferred}')
                and {Settlement.NextNumber.HasNoOtherNumberSql}
            """, new { phones }, transaction, cancellationToken: cancellationToken));
        if (actor is not null)
        {
            await AuditTrail.WriteAsync(connection, transaction, actor, new AuditEntry(AuditAction.DoNotCallAdd, AuditTarget.DoNotCall, null, null, new JsonObject
            {
                ["source"] = source,
                ["added"] = added,
                ["already_listed"] = phones.Length - added,
                ["contacts_suppressed"] = suppressed,
                ["invalid"] = invalid.Count,
                ["numbers"] = Masked(phones),
            }), cancellationToken);
        }
        // Last, so the buckets are held only for the commit: this waits for the calls to these numbers that the gate let
        // through before now, and every later check waits for the commit and sees the numbers listed.
        await DialFence.WaitForCallsBeingPlacedAsync(connection, transaction, AdvisoryLocks.DialFenceDoNotCallSql, new { phones }, "do-not-call addition",
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new DoNotCallAddResult(added, phones.Length - added, suppressed, invalid);
    }

    /// <summary>
    /// Takes numbers off the list. Contacts that were suppressed only because of them become dialable again (pending,
    /// due now); contacts that reached a final outcome stay as they are.
    /// </summary>
    public async Task<DoNotCallRemoveResult> RemoveAsync(IEnumerable<string> numbers, AuditActor? actor = null, CancellationToken cancellationToken = default)
    {
        var (phones, invalid) = Normalize(numbers);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var removed = await connection.ExecuteAsync(new CommandDefinition(
            "delete from dnc where phone = any(@phones)", new { phones }, transaction, cancellationToken: cancellationToken));
        var restored = await connection.ExecuteAsync(new CommandDefinition($"""
            update contacts set state = '{ContactStates.Pending}', next_due_at = now() where phone = any(@phones) and state = '{ContactStates.Suppressed}'
            """, new { phones }, transaction, cancellationToken: cancellationToken));
        if (actor is not null)
        {
            await AuditTrail.WriteAsync(connection, transaction, actor, new AuditEntry(AuditAction.DoNotCallRemove, AuditTarget.DoNotCall, null, null, new JsonObject
            {
                ["removed"] = removed,
                ["not_listed"] = phones.Length - removed,
                ["contacts_restored"] = restored,
                ["invalid"] = invalid.Count,
                ["numbers"] = Masked(phones),
            }), cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return new DoNotCallRemoveResult(removed, phones.Length - removed, restored, invalid);
    }

    private static JsonArray Masked(string[] phones) =>
        new(phones.Order(StringComparer.Ordinal).Take(AuditedNumbers).Select(p => (JsonNode)JsonValue.Create(PhoneMask.Mask(p))).ToArray());

    /// <summary>The distinct normalised numbers, and the inputs that are not numbers with their reason code.</summary>
    private static (string[] Phones, List<(string Input, string Reason)> Invalid) Normalize(IEnumerable<string> numbers)
    {
        var valid = new HashSet<string>(StringComparer.Ordinal);
        var invalid = new List<(string Input, string Reason)>();
        foreach (var raw in numbers)
        {
            var normalized = PhoneNumberNormalizer.Normalize(raw);
            if (normalized.Phone is { } phone) valid.Add(phone);
            else invalid.Add((raw, normalized.Reason ?? RejectReason.InvalidFormat));
        }
        return (valid.ToArray(), invalid);
    }

    /// <summary>A page of the list, most recently added first.</summary>
    public async Task<DoNotCallPage> ListAsync(int limit, int offset, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition("select count(*) from dnc", cancellationToken: cancellationToken));
        var entries = await connection.QueryAsync<DoNotCallEntry>(new CommandDefinition("""
            select phone as Phone, source as Source, added_at as AddedAt from dnc order by added_at desc, phone limit @limit offset @offset
            """, new { limit, offset }, cancellationToken: cancellationToken));
        return new DoNotCallPage(total, entries.ToList());
    }

    public async Task<bool> ContainsAsync(string number, CancellationToken cancellationToken = default)
    {
        var phone = PhoneNumberNormalizer.Normalize(number).Phone;
        if (phone is null) return false;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "select exists (select 1 from dnc where phone = @phone)", new { phone }, cancellationToken: cancellationToken));
    }
}

/// <param name="AlreadyListed">Valid numbers that were on the list before.</param>
/// <param name="ContactsSuppressed">Pending or deferred contacts that will now never be dialled.</param>
/// <param name="Invalid">Inputs that are not phone numbers, with the reason code.</param>
internal sealed record DoNotCallAddResult(int Added, int AlreadyListed, int ContactsSuppressed, IReadOnlyList<(string Input, string Reason)> Invalid);

/// <param name="NotListed">Valid numbers that were not on the list.</param>
/// <param name="ContactsRestored">Suppressed contacts that may now be dialled.</param>
internal sealed record DoNotCallRemoveResult(int Removed, int NotListed, int ContactsRestored, IReadOnlyList<(string Input, string Reason)> Invalid);

internal sealed record DoNotCallEntry(string Phone, string Source, DateTime AddedAt);

internal sealed record DoNotCallPage(long Total, IReadOnlyList<DoNotCallEntry> Entries);
