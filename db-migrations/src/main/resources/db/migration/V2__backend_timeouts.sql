-- Per-backend timeouts (milliseconds; null = Tollgate's default): connect, time to first byte (until the upstream's
-- status line), idle between body pieces, and total.
alter table backends
    add column connect_timeout_ms     integer check (connect_timeout_ms > 0),
    add column first_byte_timeout_ms  integer check (first_byte_timeout_ms > 0),
    add column idle_timeout_ms        integer check (idle_timeout_ms > 0),
    add column total_timeout_ms       integer check (total_timeout_ms > 0);
