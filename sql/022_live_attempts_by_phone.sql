-- One person, two campaigns: a lease refuses a contact whose number has a live attempt in any campaign (the attempt
-- row is the guard, held from the lease until the call settles), so it looks up live attempts by phone at every lease.
create index attempts_live_by_phone on attempts (phone) where settled_at is null;
