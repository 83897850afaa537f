namespace AutoDialer.Chaos;

/// <summary>What the chaos run does to the cluster or the campaign at one moment.</summary>
internal enum ChaosFault
{
    /// <summary>SIGKILL node A and start it again.</summary>
    KillNodeA,

    /// <summary>SIGKILL node B and start it again.</summary>
    KillNodeB,

    /// <summary>Leave the row of a node killed inside Hangfire's scheduling lock in <c>hangfire.lock</c> (<see cref="LeftSchedulingLock"/>).</summary>
    LeaveSchedulingLock,

    /// <summary>Reset every page socket of node B at once.</summary>
    DropSocketsOfNodeB,

    /// <summary>Put 5 % of the list's numbers on the do-not-call list through the API.</summary>
    AddDoNotCall,

    /// <summary>SIGKILL PostgreSQL (postmaster and backends), keep it down a few seconds, start it again: crash recovery.</summary>
    CrashDatabase,

    /// <summary>SIGSTOP node B for <see cref="ChaosOptions.Freeze"/> (longer than the heartbeat timeout, and than the
    /// dial fence's bound), then SIGCONT; the script goes on meanwhile.</summary>
    FreezeNodeB,

    Pause,

    Resume,

    /// <summary>Lower the running campaign's MaxAttempts by one through the API.</summary>
    LowerBudget,
}
