-- Admission: per-project limits (Tollgate's own settings), OpenAI's per-model project rate limits, the spend limit,
-- versioned prices to cost requests, and the shared lease counters that keep limits exact across replicas.

alter table projects
    add column max_requests_per_1_minute integer check (max_requests_per_1_minute > 0),
    add column max_tokens_per_1_minute   integer check (max_tokens_per_1_minute > 0),
    add column monthly_token_quota       bigint  check (monthly_token_quota > 0),
    add column max_concurrent_requests   integer check (max_concurrent_requests > 0),
    add column spend_limit_usd           numeric(14, 4) check (spend_limit_usd > 0),
    add column spend_limit_enforced      boolean not null default true,
    add column on_database_outage        text    not null default 'fail_open'
        check (on_database_outage in ('fail_open', 'fail_closed'));

-- OpenAI's project.rate_limit objects: one row per model whose limits an admin set (null: no limit).
create table project_rate_limits (
    project_id                text    not null references projects (id),
    model                     text    not null,
    max_requests_per_1_minute integer check (max_requests_per_1_minute > 0),
    max_tokens_per_1_minute   integer check (max_tokens_per_1_minute > 0),
    max_requests_per_1_day    integer check (max_requests_per_1_day > 0),
    primary key (project_id, model)
);

create trigger project_rate_limits_changed after insert or update or delete on project_rate_limits
    for each statement execute function tollgate_notify_config();

-- Prices in USD per 1M tokens. Versioned: a change adds a row, each request is costed at the row in force.
create table backend_prices (
    backend_id              text           not null references backends (id) on delete cascade,
    valid_from              timestamptz    not null,
    input_usd_per_1m        numeric(12, 6) not null check (input_usd_per_1m >= 0),
    cached_input_usd_per_1m numeric(12, 6) not null check (cached_input_usd_per_1m >= 0),
    output_usd_per_1m       numeric(12, 6) not null check (output_usd_per_1m >= 0),
    primary key (backend_id, valid_from)
);

create trigger backend_prices_changed after insert or update or delete on backend_prices
    for each statement execute function tollgate_notify_config();

-- What each replica holds of a limit in one window. The sum over replicas never exceeds the limit: a replica admits
-- only what it leased. Windows: minute, day, month (start in epoch seconds) or 0 for concurrency, whose leases count
-- only while the holding replica keeps renewing them.
create table admission_leases (
    scope       text        not null,
    window_start bigint     not null,
    replica_id  text        not null,
    amount      bigint      not null,
    window_end  timestamptz not null,
    renewed_at  timestamptz not null default now(),
    primary key (scope, window_start, replica_id)
);
create index admission_leases_expiry on admission_leases (window_end);
