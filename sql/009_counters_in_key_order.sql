-- Counter rows are updated in key order. Several transactions at once (reconciler lanes, dispatch workers, other nodes)
-- can land on the same shard, and an upsert takes its row locks in the order its rows come: unordered, two statements
-- each touching two campaigns or two outcomes could each hold the row the other needs next.
create or replace function campaign_counters_apply() returns trigger language plpgsql as $$
begin
    if tg_op = 'INSERT' then
        insert into campaign_counters as c (campaign_id, shard, contacts, pending, dialing, deferred, suppressed, done)
        select campaign_id, pg_backend_pid() % 16, count(*),
               count(*) filter (where state = 'pending'), count(*) filter (where state = 'dialing'),
               count(*) filter (where state = 'deferred'), count(*) filter (where state = 'suppressed'),
               count(*) filter (where state = 'done')
        from inserted_rows group by campaign_id
        order by campaign_id
        on conflict (campaign_id, shard) do update set
            contacts = c.contacts + excluded.contacts, pending = c.pending + excluded.pending,
            dialing = c.dialing + excluded.dialing, deferred = c.deferred + excluded.deferred,
            suppressed = c.suppressed + excluded.suppressed, done = c.done + excluded.done;
    else
        insert into campaign_counters as c (campaign_id, shard, pending, dialing, deferred, suppressed, done)
        select campaign_id, pg_backend_pid() % 16,
               sum(case state when 'pending' then d else 0 end), sum(case state when 'dialing' then d else 0 end),
               sum(case state when 'deferred' then d else 0 end), sum(case state when 'suppressed' then d else 0 end),
               sum(case state when 'done' then d else 0 end)
        from (select campaign_id, state, 1 as d from new_rows
              union all
              select campaign_id, state, -1 from old_rows) delta
        group by campaign_id
        order by campaign_id
        on conflict (campaign_id, shard) do update set
            pending = c.pending + excluded.pending, dialing = c.dialing + excluded.dialing,
            deferred = c.deferred + excluded.deferred, suppressed = c.suppressed + excluded.suppressed,
            done = c.done + excluded.done;
    end if;
    return null;
end $$;

create or replace function campaign_outcomes_apply() returns trigger language plpgsql as $$
begin
    insert into campaign_outcomes as c (campaign_id, shard, outcome, attempts)
    select campaign_id, pg_backend_pid() % 16, outcome, sum(d)
    from (select campaign_id, outcome, 1 as d from new_rows where outcome is not null
          union all
          select campaign_id, outcome, -1 from old_rows where outcome is not null) delta
    group by campaign_id, outcome
    having sum(d) <> 0
    order by campaign_id, outcome
    on conflict (campaign_id, shard, outcome) do update set attempts = c.attempts + excluded.attempts;
    return null;
end $$;
