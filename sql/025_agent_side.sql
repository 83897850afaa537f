-- The agent's side of a call (issue 21): the wrap-up code the agent records (its disposition), owned callbacks, preview
-- offers, and the agent's wrap-up while dispatch waits for a disposition.
-- Upgrade: stop every node of an earlier version first (README, "Upgrading"); an earlier node would lease a callback for
-- any agent, and would settle an offered attempt as a stale call.

-- An attempt may now be offered (preview) before it is dialled.
alter table attempts drop constraint attempts_status_check;
alter table attempts add constraint attempts_status_check check (status in ('offered', 'dialing', 'placed', 'unknown', 'settled'));

alter table attempts
    -- The agent's disposition: the code and its effect as the campaign defined them then, when the contact is due again
    -- (a retry's or a callback's time), the agent's note, and when it was recorded (the last one recorded is kept).
    add column disposition_code   text,
    add column disposition_effect text
        constraint attempts_disposition_effect_check
        check (disposition_effect in ('final_success', 'final_failure', 'retry_after', 'callback', 'do_not_call', 'wrong_number')),
    add column disposition_due_at timestamptz,
    add column disposition_note   text,
    add column disposed_at        timestamptz,
    -- This attempt dials a callback asked for callback_at, owned by callback_agent_id until callback_owner_until.
    add column callback_at          timestamptz,
    add column callback_agent_id    text,
    add column callback_owner_until timestamptz,
    -- A preview offer (status offered) ends by then; the stale sweep gives back the contact of one still offered after it.
    add column offer_expires_at   timestamptz;

create index attempts_offered on attempts (offer_expires_at) where status = 'offered';

alter table contacts
    -- The callback the contact waits for: due at callback_at (next_due_at), only for callback_agent_id until
    -- callback_owner_until, then for any agent of the campaign. Cleared once a call for it has rung.
    add column callback_at          timestamptz,
    add column callback_agent_id    text,
    add column callback_owner_until timestamptz,
    -- The code of the last disposition recorded for any of its attempts.
    add column last_disposition     text;

-- The lease reads due callbacks before other contacts; they are few.
create index contacts_callbacks_due on contacts (campaign_id, next_due_at) where state = 'pending' and callback_at is not null;

-- An agent that talked to someone and has not recorded the call's disposition yet gets no next call until `until`
-- (campaigns with dispositions.wait_in_wrap_up). One row per agent: its latest such call.
create table agent_wrap_ups (
    provider_account text        not null,
    agent_id         text        not null,
    attempt_id       bigint      not null,
    until            timestamptz not null,
    primary key (provider_account, agent_id)
);

-- Attempts per disposition code, kept as dispositions are recorded (a changed disposition moves its count).
create table campaign_dispositions (
    campaign_id bigint not null references campaigns (id),
    code        text   not null,
    attempts    bigint not null default 0,
    primary key (campaign_id, code)
);

-- Contacts an agent skipped in preview mode, per day of the campaign's zone, for preview.max_skips_per_agent_per_day.
create table preview_skips (
    campaign_id bigint not null references campaigns (id),
    agent_id    text   not null,
    day         date   not null,
    skips       int    not null default 0,
    primary key (campaign_id, agent_id, day)
);
