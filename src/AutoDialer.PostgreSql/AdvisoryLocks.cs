using System.Globalization;

namespace AutoDialer.PostgreSql;

/// <summary>
/// Every advisory lock AutoDialer takes, in one key space, and the one place each key is derived: nothing else calls
/// <c>pg_advisory_*</c>. A key is one bigint: its high 16 bits are the lock's class (one per kind of lock, below), its low
/// 48 bits the thing locked: the thing's own number where it has one (a campaign id, a bucket), else the low 48 bits of
/// <c>hashtextextended(name, 0)</c>. Keys of different classes never meet; within a class two names share a key only
/// on a 48-bit hash collision, and each class says what that would cost (never more than a wait or a skipped turn).
/// Where one statement takes several keys it takes them in key order, so two takers never deadlock.
/// </summary>
/// <remarks>
/// The keys are not stored anywhere, so they may change between versions, with one exception: the migration lock keeps
/// the value every earlier version used (<see cref="MigrationKey"/>; its class is chosen so that it fits the scheme),
/// because a new binary and an old one migrating the same database at once must still exclude each other. The dialing
/// locks changed with this scheme: nodes of an earlier version and of this one must not dial the same database at once
/// (stop the old nodes first, as for every upgrade).
/// </remarks>
internal static class AdvisoryLocks
{
    /// <summary>The classes, one per kind of lock; the high 16 bits of its keys.</summary>
    private enum LockClass : long
    {
        Agent = 0x0001,
        Callee = 0x0002,
        DoNotCallBucket = 0x0003,
        CampaignFence = 0x0004,
        ContactImport = 0x0005,
        NightlyBatch = 0x0006,
        Job = 0x0007,

        // "Au", the first two letters of the value the migration lock has always had ("AutoDial" in ASCII).
        Migration = 0x4175,
    }

    private const long LowBits = (1L << 48) - 1;

    /// <summary>
    /// One lease per agent at a time, across every node (transaction, exclusive, waits): <c>@providerAccount</c> and
    /// <c>@agentIds</c>. Then the lease reads whether the agent has a live attempt, and sees what the last holder wrote.
    /// A collision makes two agents' leases wait for each other.
    /// </summary>
    public static readonly string AgentLeaseSql =
        $"select pg_advisory_xact_lock(k) from (select {Hashed(LockClass.Agent, "@providerAccount || '/' || agent")} as k from unnest(@agentIds) as agent) keys order by k";

    /// <summary>
    /// A callee dialled by one lease at a time, across every campaign (transaction, exclusive, never waits): of
    /// <c>@phones</c>, the callees whose lock this lease took; the others are being dialled right now. A collision makes
    /// a callee wait for the next lease.
    /// </summary>
    public static readonly string CalleeTryLockSql =
        $"select phone from unnest(@phones) as phone where pg_try_advisory_xact_lock({Hashed(LockClass.Callee, "phone")})";

    /// <summary>The do-not-call bucket of a number (1,024 of them, by <c>hashtext</c>), as a key of the dial fence.</summary>
    private static readonly string DoNotCallBuckets =
        $"select {Numbered(LockClass.DoNotCallBucket, "(hashtext(phone) & 1023)")} as k from unnest(@phones) as phone";

    /// <summary>A campaign, as a key of the dial fence.</summary>
    private static readonly string CampaignFenceKeys = $"select {Numbered(LockClass.CampaignFence, "id")} as k from unnest(@campaignIds) as id";

    /// <summary>
    /// The dial fence as the gate's last check takes it (transaction, shared, waits; held until the make-calls are
    /// answered): the buckets of <c>@phones</c> (the callees) and <c>@campaignIds</c> (their campaigns). An addition to
    /// the do-not-call list takes its numbers' buckets, a pause, cancel or settings change its campaign's key,
    /// exclusively, as the last statement before commit (held only for the commit): so a change waits for every call
    /// that passed its last check before it, and every check after it sees it (<c>DialFence</c>). Advisory locks, because
    /// PostgreSQL queues them in order (a share request waits behind an exclusive one already waiting), so a stream of
    /// dispatches cannot starve an operator's change. Numbers share 1,024 buckets, so even a list of a million numbers
    /// takes at most 1,024 locks; two numbers in one bucket only make a change wait for a call it need not wait for.
    /// </summary>
    public static readonly string DialFenceSharedSql =
        $"select pg_advisory_xact_lock_shared(k) from (select distinct k from ({DoNotCallBuckets} union all {CampaignFenceKeys}) keys) keys order by k";

    /// <summary>The dial fence as an addition to the do-not-call list takes it (transaction, exclusive, waits): the buckets of <c>@phones</c>.</summary>
    public static readonly string DialFenceDoNotCallSql =
        $"select pg_advisory_xact_lock(k) from (select distinct k from ({DoNotCallBuckets}) keys) keys order by k";

    /// <summary>The dial fence as a pause, cancel or settings change takes it (transaction, exclusive, waits): <c>@campaignIds</c>.</summary>
    public static readonly string DialFenceCampaignSql = $"select pg_advisory_xact_lock(k) from ({CampaignFenceKeys}) keys order by k";

    /// <summary>
    /// Imports into one campaign run one at a time (transaction, exclusive, waits): <c>@campaignId</c>. Duplicates and
    /// the content hash are decided per campaign.
    /// </summary>
    public static readonly string ContactImportSql = $"select pg_advisory_xact_lock({Numbered(LockClass.ContactImport, "@campaignId")})";

    /// <summary>
    /// One nightly batch per campaign and day (session, exclusive, waits; held across the batch's own transactions):
    /// <c>@lockName</c> names the campaign and day (<see cref="NightlyBatchName"/>). A collision makes two batches run one
    /// after the other.
    /// </summary>
    public static readonly string NightlyBatchSql = $"select pg_advisory_lock({Hashed(LockClass.NightlyBatch, "@lockName")})";

    /// <summary>Gives back <see cref="NightlyBatchSql"/>'s lock (<c>@lockName</c>).</summary>
    public static readonly string NightlyBatchUnlockSql = $"select pg_advisory_unlock({Hashed(LockClass.NightlyBatch, "@lockName")})";

    /// <summary>
    /// A job that must not run twice at once across the cluster (session, exclusive, never waits): <c>$1</c> names it.
    /// A collision makes one of two jobs skip a run, which the next run makes good.
    /// </summary>
    public static readonly string JobTryLockSql = $"select pg_try_advisory_lock({Hashed(LockClass.Job, "$1")})";

    /// <summary>Gives back <see cref="JobTryLockSql"/>'s lock (<c>$1</c>).</summary>
    public static readonly string JobUnlockSql = $"select pg_advisory_unlock({Hashed(LockClass.Job, "$1")})";

    /// <summary>
    /// Migration runs on one database one at a time (session, exclusive, waits; held across the migrations' own
    /// transactions). Every AutoDialer version uses this value ("AutoDial" in ASCII).
    /// </summary>
    public const long MigrationKey = ((long)LockClass.Migration << 48) | 0x746F_4469_616C;

    /// <summary>Takes <see cref="MigrationKey"/>.</summary>
    public static readonly string MigrationSql = string.Create(CultureInfo.InvariantCulture, $"select pg_advisory_lock({MigrationKey})");

    /// <summary>Gives back <see cref="MigrationKey"/>.</summary>
    public static readonly string MigrationUnlockSql = string.Create(CultureInfo.InvariantCulture, $"select pg_advisory_unlock({MigrationKey})");

    /// <summary>The name of one campaign's nightly batch of one day, for <see cref="NightlyBatchSql"/>.</summary>
    public static string NightlyBatchName(long campaignId, DateOnly day) =>
        string.Create(CultureInfo.InvariantCulture, $"{campaignId}/{day:yyyy-MM-dd}");

    /// <summary>The key of a thing with a number of its own: the class, then the number's low 48 bits.</summary>
    private static string Numbered(LockClass lockClass, string number) =>
        string.Create(CultureInfo.InvariantCulture, $"(({(long)lockClass}::bigint << 48) | (({number})::bigint & {LowBits}))");

    /// <summary>The key of a thing named by text: the class, then the low 48 bits of the name's 64-bit hash.</summary>
    private static string Hashed(LockClass lockClass, string name) =>
        string.Create(CultureInfo.InvariantCulture, $"(({(long)lockClass}::bigint << 48) | (hashtextextended({name}, 0) & {LowBits}))");
}
