-- A caller number's health counts the complaint and wrong-number dispositions among its last settled calls (issue 22):
-- read by the caller-numbers board and by settlement after such a disposition, newest first, per number.
create index attempts_by_caller_number on attempts (campaign_id, caller_number_id, created_at) where caller_number_id is not null;
