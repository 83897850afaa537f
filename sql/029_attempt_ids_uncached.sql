-- Attempt ids in time order across every connection and node without resetting pooled sessions: a session no longer
-- caches 100 ids of the sequence (which a connection back from the pool would hand out after later ones had been
-- drawn elsewhere, unless its session was reset with DISCARD SEQUENCES on every return, seven statements each time).
-- Each nextval now takes the next id from the shared sequence; a lease draws its ids in one statement.
alter sequence attempts_id_seq cache 1;
