-- Foundation: campaigns, contact lists, contacts, do-not-call list, import rejects.
-- Phone numbers are stored normalised (E.164, e.g. +8613800138000).

create table campaigns (
    id            bigint generated always as identity primary key,
    name          text        not null,
    state         text        not null default 'draft'
                  check (state in ('draft', 'running', 'paused', 'completed', 'cancelled')),
    time_zone     text        not null default 'Asia/Shanghai',
    -- Calling windows, retry policy, rotation policy: validated by AutoDialer.Core before it is written.
    settings      jsonb       not null default '{}'::jsonb,
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now(),
    constraint campaigns_name_unique unique (name)
);

create table contact_lists (
    id             bigint generated always as identity primary key,
    campaign_id    bigint      not null references campaigns (id),
    file_name      text        not null,
    content_sha256 bytea       not null,
    encoding       text        not null,
    delimiter      text        not null,
    header         text[]      not null,
    rows           integer     not null default 0,
    accepted       integer     not null default 0,
    rejected       integer     not null default 0,
    duplicates     integer     not null default 0,
    suppressed     integer     not null default 0,
    imported_at    timestamptz not null default now(),
    -- The same bytes imported twice into one campaign are one list.
    constraint contact_lists_content_unique unique (campaign_id, content_sha256)
);

-- No foreign keys on campaign_id / list_id: a list lands in bulk (a million rows per import), PostgreSQL checks a
-- foreign key row by row, and that check cost more than the rest of the insert together. Contacts are written only
-- by the importer, in the same transaction that creates their campaign and list, and neither is ever deleted.
create table contacts (
    id              bigint generated always as identity (cache 1000) primary key,
    campaign_id     bigint      not null,
    list_id         bigint      not null,
    line_no         integer     not null,
    -- Binary collation: numbers are ASCII, and sorting/deduplicating a million of them should not pay for a locale.
    phone           text        collate "C" not null,
    name            text,
    timezone        text,
    privacy_number  text,
    attributes      jsonb       not null default '{}'::jsonb,
    -- pending: waiting to be dialled at next_due_at; dialing: has a live attempt;
    -- suppressed: on the DNC list, never dialled; done: final outcome reached or budget exhausted.
    state           text        not null default 'pending'
                    check (state in ('pending', 'dialing', 'suppressed', 'done')),
    priority        integer     not null default 0,
    next_due_at     timestamptz not null default now(),
    attempts        integer     not null default 0,
    attempts_today  integer     not null default 0,
    last_outcome    text,
    last_attempt_at timestamptz,
    -- Duplicates are per campaign by normalised number: the first list/line wins.
    constraint contacts_campaign_phone_unique unique (campaign_id, phone)
);

-- Dispatch leases the next due contact of a campaign by priority, then due time.
create index contacts_due on contacts (campaign_id, priority desc, next_due_at) where state = 'pending';

create table dnc (
    phone      text        collate "C" primary key,
    source     text        not null default 'manual',
    added_at   timestamptz not null default now()
);

create table import_rejects (
    list_id  bigint  not null,
    line_no  integer not null,
    reason   text    not null,
    fields   text[]  not null,
    primary key (list_id, line_no)
);

-- A list uploaded for a background import: the file waits on disk, a Quartz job imports it.
create table list_uploads (
    id            bigint generated always as identity primary key,
    campaign_name text        not null,
    file_name     text        not null,
    stored_path   text        not null,
    size_bytes    bigint      not null,
    status        text        not null default 'queued'
                  check (status in ('queued', 'importing', 'imported', 'failed')),
    rows_read     integer     not null default 0,
    bytes_read    bigint      not null default 0,
    list_id       bigint      references contact_lists (id),
    error         text,
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now()
);
