-- The dial gate (see DialGate): frequency caps per callee across campaigns, and refusals counted by reason.

-- Every dial of a callee, by any campaign: written with its attempt in the lease, removed with it when the second
-- check releases the lease before anything was dialled. The frequency caps count these rows (rolling 24 h and 7 days,
-- and per caller number); rows older than the longest cap window are of no more use and are pruned.
create table callee_dials (
    attempt_id    bigint      primary key,
    phone         text        collate "C" not null,
    caller_number text,
    campaign_id   bigint      not null,
    dialled_at    timestamptz not null
);
create index callee_dials_by_phone on callee_dials (phone, dialled_at);

-- The last 7 days' dials that were made before this table existed.
insert into callee_dials (attempt_id, phone, caller_number, campaign_id, dialled_at)
select id, phone, caller_number, campaign_id, created_at from attempts where created_at > now() - interval '7 days';

-- How often the gate said no: in the lease ('lease') or just before make-call ('dial'), by reason.
create table dial_gate_refusals (
    campaign_id bigint not null,
    stage       text   not null check (stage in ('lease', 'dial')),
    reason      text   not null,
    refusals    bigint not null default 0,
    primary key (campaign_id, stage, reason)
);

-- Attempts the sweeper settled as unknown without ever learning their CallID: a late Originated for the dialled number
-- on the same agent still binds to one of them, so the real hang-up corrects the outcome.
create index attempts_unknown_unbound on attempts (provider_account, agent_id, created_at) where outcome = 'unknown' and call_id is null;

-- Why a pending contact waits, when the dial gate made it wait (a window, a blackout, a frequency cap): the diagnostics
-- tell it from an ordinary retry delay. Cleared when the contact is leased.
alter table contacts add column wait_reason text;

-- "Why isn't it dialling?": the last count of a campaign's undiallable contacts by reason, made in the background at
-- most every few seconds, so a dashboard that asks often never scans a campaign of millions.
create table campaign_diagnostics (
    campaign_id bigint      primary key,
    computed_at timestamptz not null,
    counts      jsonb       not null
);
