-- ASP.NET Core Data Protection's key ring, shared by every node (DataProtectionKeyTable): a dashboard sign-in cookie or
-- an antiforgery token made by one node is read by the others behind the same load balancer. One row per key, as
-- Data Protection's XML; rows are only ever added (a revoked or expired key stays, as Data Protection expects).
create table data_protection_keys (
    id            bigint      generated always as identity primary key,
    friendly_name text        not null,
    xml           text        not null,
    created_at    timestamptz not null default now()
);
