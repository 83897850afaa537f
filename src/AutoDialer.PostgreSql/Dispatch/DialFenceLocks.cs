namespace AutoDialer.PostgreSql.Dispatch;

/// <summary>
/// The locks behind <see cref="DialFence"/>: advisory locks, because PostgreSQL queues them in order (a share request
/// waits behind an exclusive one already waiting), so a stream of dispatches cannot starve an operator's change.
/// A dispatch takes, shared, its callees' buckets and its campaigns' keys at the gate's last check and holds them until
/// its make-calls are answered; an addition to the do-not-call list takes its numbers' buckets, and a pause, cancel or
/// settings change its campaign's key, exclusively as the last statement before commit (held only for the commit).
/// So a change waits for every call that passed its last check before it, and every check after it sees it.
/// Numbers share 1,024 buckets, so even a list of a million numbers takes at most 1,024 locks. Every taker takes its
/// keys in one global order (the key's), so two of them never deadlock.
/// </summary>
internal static class DialFenceLocks
{
    private const string PhoneBuckets =
        "select hashtextextended('dnc-fence/' || (hashtext(phone) & 1023)::text, 17) as k from unnest(@phones) as phone";

    private const string CampaignKeys =
        "select hashtextextended('campaign-fence/' || id::text, 17) as k from unnest(@campaignIds) as id";

    /// <summary>Taken by the gate's last check (<c>@phones</c>: the callees; <c>@campaignIds</c>: their campaigns).</summary>
    public const string SharedSql =
        $"select pg_advisory_xact_lock_shared(k) from (select distinct k from ({PhoneBuckets} union all {CampaignKeys}) keys) keys order by k";

    /// <summary>Taken by an addition to the do-not-call list (<c>@phones</c>: the numbers added).</summary>
    public const string DoNotCallSql = $"select pg_advisory_xact_lock(k) from (select distinct k from ({PhoneBuckets}) keys) keys order by k";

    /// <summary>Taken by a change of a campaign's state or settings (<c>@campaignIds</c>: that campaign).</summary>
    public const string CampaignSql = $"select pg_advisory_xact_lock(k) from ({CampaignKeys}) keys order by k";
}
