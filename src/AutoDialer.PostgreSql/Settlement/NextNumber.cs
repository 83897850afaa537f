using AutoDialer.Core.StoredWords;

namespace AutoDialer.PostgreSql.Settlement;

/// <summary>
/// Moves contacts on to their next number (<c>contact_alternates</c>, migration 026): the first in order that is not on
/// the do-not-call list and not another contact's number in the campaign becomes the contact's phone, with its kind and
/// place, and no failures yet; it and every number skipped before it leave the alternates. A contact with no such number
/// keeps the one it has (the dial gate then refuses it, if that one is listed).
/// </summary>
internal static class NextNumber
{
    /// <summary>The contacts <c>@nextNumberIds</c> names, locked by the caller.</summary>
    public const string Sql = """
        with next as (
            select distinct on (a.contact_id) a.contact_id, a.position, a.phone, a.number_type, a.province, a.city
            from contact_alternates a
            where a.contact_id = any(@nextNumberIds)
              and not exists (select 1 from dnc d where d.phone = a.phone)
              and not exists (select 1 from contacts o where o.campaign_id = a.campaign_id and o.phone = a.phone)
            order by a.contact_id, a.position),
        used as (
            delete from contact_alternates a using next n where a.contact_id = n.contact_id and a.position <= n.position)
        update contacts c
        set phone = n.phone, number_type = n.number_type, province = n.province, city = n.city, number_failures = 0
        from next n
        where c.id = n.contact_id
        """;

    /// <summary>
    /// The contacts among <c>@moveIds</c> that the dial gate has just suppressed because their phone is on the do-not-call
    /// list move on to their next number, pending at once (refused, they were not dialled).
    /// </summary>
    public const string AfterDoNotCallRefusalSql = $"""
        with next as (
            select distinct on (a.contact_id) a.contact_id, a.position, a.phone, a.number_type, a.province, a.city
            from contact_alternates a
            join contacts c on c.id = a.contact_id
            where a.contact_id = any(@moveIds) and c.state = '{ContactStates.Suppressed}' and c.wait_reason = '{DialRefusals.DoNotCall}'
              and not exists (select 1 from dnc d where d.phone = a.phone)
              and not exists (select 1 from contacts o where o.campaign_id = a.campaign_id and o.phone = a.phone)
            order by a.contact_id, a.position),
        used as (
            delete from contact_alternates a using next n where a.contact_id = n.contact_id and a.position <= n.position)
        update contacts c
        set phone = n.phone, number_type = n.number_type, province = n.province, city = n.city, number_failures = 0,
            state = '{ContactStates.Pending}', wait_reason = null
        from next n
        where c.id = n.contact_id
        """;

    /// <summary>
    /// The condition a do-not-call addition suppresses a contact on, besides its phone: it has no other number. One that
    /// has stays as it is, and the dial gate refuses the listed phone and moves it on (<see cref="AfterDoNotCallRefusalSql"/>).
    /// </summary>
    public const string HasNoOtherNumberSql = "not exists (select 1 from contact_alternates x where x.contact_id = contacts.id)";

    /// <summary>Counts failed attempts on contacts' current numbers (<c>@failureIds</c>, <c>@failures</c>), locked by the caller.</summary>
    public const string FailuresSql = """
        update contacts c set number_failures = u.failures
        from unnest(@failureIds, @failures) as u(id, failures)
        where c.id = u.id
        """;
}
