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

    /// <summary>Stop PostgreSQL, keep it down a few seconds, start it again.</summary>
    RestartDatabase,

    Pause,

    Resume,

    /// <summary>Lower the running campaign's MaxAttempts by one through the API.</summary>
    LowerBudget,
}
