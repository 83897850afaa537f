-- Each node's readiness as it last checked it (the checks of /healthz/ready: database, migrations, job server), written
-- by the node itself every few seconds, so that any node's dashboard shows the whole cluster: ready, not ready and which
-- checks failed, or not reporting (the row has expired: the node stopped, crashed, or cannot reach the database).
-- A node that stops gracefully deletes its row.
create table node_readiness (
    node       text        primary key,
    ready      boolean     not null,
    failing    text[]      not null default '{}',
    checked_at timestamptz not null,
    expires_at timestamptz not null
);
