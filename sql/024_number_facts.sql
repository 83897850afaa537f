-- What libphonenumber's metadata knows about each contact's number, stored at import: its kind (mobile, fixed_line, …;
-- see NumberKinds) and, for a Chinese number, its home province and city in Chinese (a mobile's by its segment, a
-- landline's by its area code). Local presence matches a contact to a caller number by them. Contacts imported before
-- this version have none (null): they are dialled as before, and local presence falls back to the area code for them.
-- Caller numbers get the same place, from their own number or set by the user.
-- Nullable columns without a default: adding them changes only the tables' descriptions, no row is rewritten.
alter table contacts
    add column number_type text,
    add column province text,
    add column city text;

alter table caller_numbers
    add column province text,
    add column city text;
