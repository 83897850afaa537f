using AutoDialer.Core.Dispatch;
using AutoDialer.Core.StoredWords;
using Dapper;

namespace AutoDialer.PostgreSql.Dispatch;

/// <summary>
/// Where contacts the dial gate refused go, written in one statement: a number on the do-not-call list is suppressed,
/// a spent budget is done, a used-up day waits for the nightly batch, and the rest stay pending, due again when the
/// gate could say yes (a window opening, a frequency cap freeing up). A refused lease also gives its attempt back.
/// </summary>
internal sealed class ContactMoves
{
    public const string Sql = """
        update contacts c
        set state = m.state, next_due_at = coalesce(m.due, c.next_due_at), wait_reason = m.reason,
            attempts = c.attempts - m.refund, attempts_today = greatest(c.attempts_today - m.refund, 0)
        from unnest(@moveIds, @moveStates, @moveDues, @moveRefunds, @moveReasons) as m(id, state, due, refund, reason)
        where c.id = m.id
        """;

    private readonly List<(long Id, string State, DateTimeOffset? Due, int Refund)> _moves = [];

    /// <summary>The refusals, one per contact, in the order they were made.</summary>
    public List<DialRefusal> Refused { get; } = [];

    public bool IsEmpty => _moves.Count == 0;

    /// <param name="refund">1 when the refused contact had been leased already (its attempt is given back).</param>
    public void Refuse(long contactId, DialVerdict.Refused refused, int refund = 0)
    {
        Refused.Add(refused.Reason);
        var (state, due) = refused.Reason switch
        {
            DialRefusal.DoNotCall => ("suppressed", (DateTimeOffset?)null),
            DialRefusal.BudgetExhausted => ("done", null),
            DialRefusal.DailyCap => ("deferred", null),
            _ => ("pending", refused.NotBefore?.ToUniversalTime()),
        };
        _moves.Add((contactId, state, due, refund));
    }

    public void AddParameters(DynamicParameters parameters)
    {
        parameters.Add("moveIds", _moves.Select(m => m.Id).ToArray());
        parameters.Add("moveStates", _moves.Select(m => m.State).ToArray());
        parameters.Add("moveDues", _moves.Select(m => m.Due).ToArray());
        parameters.Add("moveRefunds", _moves.Select(m => m.Refund).ToArray());
        parameters.Add("moveReasons", Refused.Select(r => r.ToStoredName()).ToArray());
    }
}
