-- The cluster's directory of what can dial, read by every node (the settings page, "why isn't it dialling?"):
-- which provider accounts each dialling node serves now, with its circuit; which agents were ever seen; and what each
-- connected page says about its agent. A row is live until its expires_at; a node that stops renewing its rows (it
-- crashed) drops out of the directory by itself, and a stopping node removes its own.

-- One row per dialling node and provider account it serves, renewed by the node every few seconds.
create table dialer_accounts (
    provider_account text        not null,
    node             text        not null,
    provider         text        not null,   -- udesk, meiqia, simulator, …
    bridge           boolean     not null,   -- its agents connect through workbench pages (bridge_sessions)
    circuit_open     boolean     not null,   -- the make-call circuit is open: dispatch for the account paused on that node
    circuit_reason   text,
    seen_at          timestamptz not null,
    expires_at       timestamptz not null,
    primary key (provider_account, node)
);

-- Every agent the dialer has seen, by how: a workbench page connected for it (bridge), or its vendor listed it (vendor).
create table seen_agents (
    provider_account text        not null,
    agent_id         text        not null,
    bridge_seen_at   timestamptz,
    vendor_seen_at   timestamptz,
    primary key (provider_account, agent_id)
);

-- What the page's own vendor events say about its agent, written at every heartbeat: '' can take a call, else why not
-- (AgentUnavailableReasons: busy, in-call, on-break, offline, not-registered, …); null before its first heartbeat. The
-- row is live until expires_at (a heartbeat and its timeout later).
alter table bridge_sessions add column unavailable_reason text;
alter table bridge_sessions add column expires_at timestamptz;
