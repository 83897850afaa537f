-- Dialing: attempts (their id is the business id sent with the call), raw vendor events, caller numbers and their
-- use, maintained counters for progress, and the nightly batch's daily reports.

alter table contacts drop constraint contacts_state_check;
-- deferred: retryable, but today's cap is reached; the nightly batch schedules it into the next day's window.
alter table contacts add constraint contacts_state_check
    check (state in ('pending', 'dialing', 'deferred', 'suppressed', 'done'));

alter table campaigns add column rotation_cursor bigint not null default 0;

create sequence attempts_id_seq cache 100;

create table attempts (
    id                bigint      primary key default nextval('attempts_id_seq'),
    campaign_id       bigint      not null references campaigns (id),
    contact_id        bigint      not null,
    provider_account  text        not null,
    agent_id          text        not null,
    phone             text        collate "C" not null,
    -- The number as the provider was asked to dial it (national format for China), which its events echo.
    dial_string       text        not null,
    caller_number_id  text,
    caller_number     text,
    -- dialing: written, make-call not answered yet; placed: the provider accepted it; unknown: make-call timed out
    -- or the session was lost, so we cannot know whether it rang; settled: has an outcome.
    status            text        not null default 'dialing'
                      check (status in ('dialing', 'placed', 'unknown', 'settled')),
    call_id           text,
    outcome           text,
    ring_seconds      integer,
    talk_seconds      integer,
    vendor_code       text,
    vendor_message    text,
    node              text        not null,
    created_at        timestamptz not null,
    settled_at        timestamptz
);

-- A contact never has two live attempts; an agent is dialled for one call at a time.
create unique index attempts_one_live_per_contact on attempts (contact_id) where status <> 'settled';
create index attempts_live_by_agent on attempts (provider_account, agent_id) where status <> 'settled';
create index attempts_live_by_age on attempts (created_at) where status <> 'settled';
create index attempts_live_by_campaign on attempts (campaign_id) where status <> 'settled';
create index attempts_call on attempts (provider_account, call_id) where call_id is not null;
create index attempts_campaign_day on attempts (campaign_id, created_at);

-- Every vendor event as it arrived, once: a duplicate delivery has the same identity and changes nothing.
create table call_events (
    provider_account text        not null,
    event_id         text        not null,
    agent_id         text        not null,
    name             text        not null,
    occurred_at      timestamptz not null,
    payload          jsonb       not null,
    call_id          text,
    attempt_id       bigint,
    received_at      timestamptz not null default now(),
    primary key (provider_account, event_id)
);
create index call_events_attempt on call_events (attempt_id) where attempt_id is not null;
-- Events that arrived before the call was tied to an attempt wait here for the binding.
create index call_events_unbound on call_events (provider_account, call_id) where attempt_id is null and call_id is not null;

-- Caller numbers a campaign shows; their use is counted here so caps and cooldowns hold across cluster nodes.
create table caller_numbers (
    campaign_id     bigint      not null references campaigns (id),
    id              text        not null,
    number          text        not null,
    area_code       text,
    daily_cap       integer     not null default 0,
    used_on         date,
    used_today      integer     not null default 0,
    last_used_at    timestamptz,
    rested_until    timestamptz,
    -- Most recent last: true = answered. Trimmed to the campaign's answer-rate window.
    recent_answered boolean[]   not null default '{}',
    calls_total     integer     not null default 0,
    answered_total  integer     not null default 0,
    primary key (campaign_id, id)
);

-- Progress counters kept by the database itself, so a dashboard never counts millions of contacts per request.
-- Sharded by backend so concurrent dispatchers do not queue on one row; a reader sums the shards.
create table campaign_counters (
    campaign_id bigint  not null,
    shard       integer not null,
    contacts    bigint  not null default 0,
    pending     bigint  not null default 0,
    dialing     bigint  not null default 0,
    deferred    bigint  not null default 0,
    suppressed  bigint  not null default 0,
    done        bigint  not null default 0,
    primary key (campaign_id, shard)
);

create function campaign_counters_apply() returns trigger language plpgsql as $$
begin
    if tg_op = 'INSERT' then
        insert into campaign_counters as c (campaign_id, shard, contacts, pending, dialing, deferred, suppressed, done)
        select campaign_id, pg_backend_pid() % 16, count(*),
               count(*) filter (where state = 'pending'), count(*) filter (where state = 'dialing'),
               count(*) filter (where state = 'deferred'), count(*) filter (where state = 'suppressed'),
               count(*) filter (where state = 'done')
        from inserted_rows group by campaign_id
        on conflict (campaign_id, shard) do update set
            contacts = c.contacts + excluded.contacts, pending = c.pending + excluded.pending,
            dialing = c.dialing + excluded.dialing, deferred = c.deferred + excluded.deferred,
            suppressed = c.suppressed + excluded.suppressed, done = c.done + excluded.done;
    else
        insert into campaign_counters as c (campaign_id, shard, pending, dialing, deferred, suppressed, done)
        select campaign_id, pg_backend_pid() % 16,
               sum(case state when 'pending' then d else 0 end), sum(case state when 'dialing' then d else 0 end),
               sum(case state when 'deferred' then d else 0 end), sum(case state when 'suppressed' then d else 0 end),
               sum(case state when 'done' then d else 0 end)
        from (select campaign_id, state, 1 as d from new_rows
              union all
              select campaign_id, state, -1 from old_rows) delta
        group by campaign_id
        on conflict (campaign_id, shard) do update set
            pending = c.pending + excluded.pending, dialing = c.dialing + excluded.dialing,
            deferred = c.deferred + excluded.deferred, suppressed = c.suppressed + excluded.suppressed,
            done = c.done + excluded.done;
    end if;
    return null;
end $$;

create trigger contacts_counted_insert after insert on contacts
    referencing new table as inserted_rows for each statement execute function campaign_counters_apply();
create trigger contacts_counted_update after update on contacts
    referencing old table as old_rows new table as new_rows for each statement execute function campaign_counters_apply();

-- Outcome counters per campaign, kept the same way, for outcome charts and the demo's summary.
create table campaign_outcomes (
    campaign_id bigint  not null,
    shard       integer not null,
    outcome     text    not null,
    attempts    bigint  not null default 0,
    primary key (campaign_id, shard, outcome)
);

create function campaign_outcomes_apply() returns trigger language plpgsql as $$
begin
    insert into campaign_outcomes as c (campaign_id, shard, outcome, attempts)
    select campaign_id, pg_backend_pid() % 16, outcome, sum(d)
    from (select campaign_id, outcome, 1 as d from new_rows where outcome is not null
          union all
          select campaign_id, outcome, -1 from old_rows where outcome is not null) delta
    group by campaign_id, outcome
    having sum(d) <> 0
    on conflict (campaign_id, shard, outcome) do update set attempts = c.attempts + excluded.attempts;
    return null;
end $$;

create trigger attempts_counted_update after update on attempts
    referencing old table as old_rows new table as new_rows for each statement execute function campaign_outcomes_apply();

-- Counters for the contacts that exist already (lists imported before this migration).
insert into campaign_counters (campaign_id, shard, contacts, pending, dialing, deferred, suppressed, done)
select campaign_id, 0, count(*), count(*) filter (where state = 'pending'), count(*) filter (where state = 'dialing'),
       0, count(*) filter (where state = 'suppressed'), count(*) filter (where state = 'done')
from contacts group by campaign_id;

-- The nightly batch's record of each closed day: its existence makes a re-run for the same day a no-op.
create table daily_reports (
    campaign_id  bigint      not null references campaigns (id),
    day          date        not null,
    report       jsonb       not null,
    file_path    text,
    created_at   timestamptz not null default now(),
    primary key (campaign_id, day)
);
