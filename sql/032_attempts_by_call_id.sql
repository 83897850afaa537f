-- Vendor events find their attempt by CallID (the event pump binds and looks up a batch's CallIDs at once). The index
-- they used led with provider_account, which has one value per account: on a fresh or fast-growing attempts table
-- (statistics taken when it was small) the planner read the whole account's part of the index and filtered the CallIDs,
-- ~100 ms a batch at 40,000 attempts, and dispatch's idle signals waited behind it (bench dispatch in process: 410
-- decisions/s). Led by call_id, the only way to use the index is one probe per CallID, whatever the statistics say.
create index attempts_by_call_id on attempts (call_id, provider_account) where call_id is not null;
drop index attempts_call;
