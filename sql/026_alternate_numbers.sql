-- A contact's other numbers (a list's phone2 / 备用电话 / 其他电话 columns), in the order the list gave them: the contact's
-- own phone is the number dialled now; when it has failed the campaign's number of times, or is on the do-not-call list,
-- or the vendor says it cannot be reached, the contact moves on to the first of these not on the list (the row is then
-- deleted, with any it skipped). Each number is normalised, deduplicated in the campaign and checked against the list on
-- its own at import; the attempt budget stays the contact's.
create table contact_alternates (
    contact_id  bigint   not null,
    position    smallint not null,
    campaign_id bigint   not null,
    phone       text     not null collate "C",
    number_type text,
    province    text,
    city        text,
    primary key (contact_id, position)
);

-- An import deduplicates a list's numbers against every number of the campaign, these included.
create index contact_alternates_by_campaign on contact_alternates (campaign_id, phone);

-- Failed attempts on the contact's current number; back to 0 when it moves on to another.
-- A constant default: adding it changes only the table's description, no row is rewritten.
alter table contacts add column number_failures integer not null default 0;

-- Caller-number health: beside recent_answered (one entry per call that said whether the customer answered), whether
-- that call was an answered call shorter than the campaign's short call, and whether it was rejected, over the same
-- window. Numbers that existed before start with empty records, filled by their next calls.
alter table caller_numbers
    add column recent_short boolean[] not null default '{}',
    add column recent_rejected boolean[] not null default '{}';
