-- An attempt changes status two or three times in its first second (dialing → placed, its CallID bound, then
-- settled). PostgreSQL rewrites a row in place ("HOT", no index touched) only when no indexed column changes, and a
-- column read by a partial index's predicate counts: with "status <> 'settled'" in four predicates, every one of
-- those updates inserted into all eight indexes of attempts. "Live" is now read from settled_at, which is set once,
-- at settlement; and pages keep room for the in-place versions (fillfactor).
update attempts set settled_at = created_at where status = 'settled' and settled_at is null;
update attempts set settled_at = null where status <> 'settled' and settled_at is not null;
alter table attempts add constraint attempts_settled_when_settled_at check ((status = 'settled') = (settled_at is not null));

drop index attempts_one_live_per_contact;
drop index attempts_live_by_agent;
drop index attempts_live_by_age;
drop index attempts_live_by_campaign;
create unique index attempts_one_live_per_contact on attempts (contact_id) where settled_at is null;
create index attempts_live_by_agent on attempts (provider_account, agent_id) where settled_at is null;
create index attempts_live_by_age on attempts (created_at) where settled_at is null;
create index attempts_live_by_campaign on attempts (campaign_id) where settled_at is null;

alter table attempts set (fillfactor = 70);
