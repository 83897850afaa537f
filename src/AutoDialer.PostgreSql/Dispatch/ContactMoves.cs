using AutoDialer.Core.Dispatch;
using AutoDialer.Core.StoredWords;
using AutoDialer.PostgreSql.Settlement;
using Dapper;

namespace AutoDialer.PostgreSql.Dispatch;

/// <summary>Writes <see cref="ContactMove"/>s (where the dial gate's refusals send contacts) in one statement.</summary>
internal static class ContactMoves
{
    /// <summary>
    /// Moves the contacts <c>@move…</c> name; a null due time keeps the stored one, a refund gives an attempt back. Then a
    /// contact suppressed because its phone is on the do-not-call list moves on to its next number, if it has one: the
    /// list concerns that number only (<see cref="NextNumber.AfterDoNotCallRefusalSql"/>).
    /// </summary>
    public const string Sql = $"""
        update contacts c
        set state = m.state, next_due_at = coalesce(m.due, c.next_due_at), wait_reason = m.reason,
            attempts = c.attempts - m.refund, attempts_today = greatest(c.attempts_today - m.refund, 0)
        from unnest(@moveIds, @moveStates, @moveDues, @moveRefunds, @moveReasons) as m(id, state, due, refund, reason)
        where c.id = m.id;
        {NextNumber.AfterDoNotCallRefusalSql}
        """;

    public static void AddParameters(DynamicParameters parameters, IReadOnlyList<ContactMove> moves)
    {
        parameters.Add("moveIds", moves.Select(m => m.ContactId).ToArray());
        parameters.Add("moveStates", moves.Select(m => m.State.ToName()).ToArray());
        parameters.Add("moveDues", moves.Select(m => m.Due?.ToUniversalTime()).ToArray());
        parameters.Add("moveRefunds", moves.Select(m => m.Refund ? 1 : 0).ToArray());
        parameters.Add("moveReasons", moves.Select(m => m.Reason.ToName()).ToArray());
    }
}
