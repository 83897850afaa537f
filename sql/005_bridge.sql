-- Agent bridge: which node each connected agent workbench is attached to. A node dispatches only to its own
-- sessions; the row lets operators see where an agent is connected, and lets a node find out that a newer
-- session of the same agent took over on another node (its session_id no longer matches).
create table bridge_sessions (
    provider_account text        not null,
    agent_id         text        not null,
    node             text        not null,
    session_id       uuid        not null,
    connected_at     timestamptz not null,
    last_seen_at     timestamptz not null,
    primary key (provider_account, agent_id)
);

create index bridge_sessions_node on bridge_sessions (node);
