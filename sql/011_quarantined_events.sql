-- Vendor events PostgreSQL would not store as jsonb (a \u0000 escape, a lone surrogate, a number beyond numeric's range,
-- or any other data exception when the event was stored or applied). They are kept here as the page sent them, with
-- the reason, so the events behind them are not held up and an operator can still read what came.
create table quarantined_events (
    id               bigint      generated always as identity primary key,
    provider_account text        not null,
    event_id         text        not null,
    agent_id         text        not null,
    name             text        not null,
    occurred_at      timestamptz not null,
    payload          text        not null,
    reason           text        not null,
    quarantined_at   timestamptz not null default now(),
    -- A page that resends an event after a reconnect must not quarantine it twice.
    unique (provider_account, event_id)
);
