namespace AutoDialer.PostgreSql;

/// <summary>
/// Statements that update several attempts at once lock them in one order, their ids', before they update them: two
/// such statements running at once (dispatch marking a batch placed, the event pump binding CallIDs to the same
/// attempts) otherwise lock rows in the orders of their own arrays and can deadlock, which PostgreSQL finds only after
/// its <c>deadlock_timeout</c> (1 s), every event of the account waiting behind the pump meanwhile.
/// </summary>
internal static class AttemptLockOrder
{
    /// <summary>
    /// The attempts of <c>@ids</c>, locked in id order; for a <c>materialized</c> CTE that the update joins (its rows are
    /// locked as they leave the sort, so in order, whichever way the update's plan reads them).
    /// </summary>
    public const string LockSql = "select id from attempts where id = any(@ids) order by id for update";
}
