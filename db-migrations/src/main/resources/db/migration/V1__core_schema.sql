-- Tollgate core schema: tenants (projects), their API keys, backends and the models each serves,
-- admin users and admin API keys. Keys are stored only as SHA-256 hashes plus a visible prefix.

create table projects (
    id          text primary key,
    name        text        not null,
    status      text        not null default 'active' check (status in ('active', 'archived')),
    created_at  timestamptz not null default now(),
    archived_at timestamptz
);

create table api_keys (
    id            text primary key,
    project_id    text        not null references projects (id),
    name          text        not null,
    key_hash      bytea       not null unique,
    prefix        text        not null,
    created_at    timestamptz not null default now(),
    expires_at    timestamptz,
    revoked_at    timestamptz,
    last_used_at  timestamptz
);
create index api_keys_project on api_keys (project_id);

create table backends (
    id                  text primary key,
    name                text        not null unique,
    kind                text        not null check (kind in ('openai', 'simulator')),
    base_url            text,
    api_key_encrypted   text,
    ttft_ms             integer check (ttft_ms >= 0),
    tokens_per_second   integer check (tokens_per_second > 0),
    enabled             boolean     not null default true,
    created_at          timestamptz not null default now(),
    updated_at          timestamptz not null default now(),
    check (kind = 'simulator' or base_url is not null)
);

create table backend_models (
    backend_id      text    not null references backends (id) on delete cascade,
    model           text    not null,
    upstream_model  text    not null,
    weight          integer not null default 1 check (weight >= 0),
    primary key (backend_id, model)
);
create index backend_models_model on backend_models (model);

create table admin_users (
    id            text primary key,
    username      text        not null unique,
    password_hash text        not null,
    role          text        not null default 'platform_admin',
    created_at    timestamptz not null default now()
);

create table admin_api_keys (
    id            text primary key,
    name          text        not null,
    key_hash      bytea       not null unique,
    prefix        text        not null,
    created_at    timestamptz not null default now(),
    revoked_at    timestamptz,
    last_used_at  timestamptz
);

-- Every replica keeps routing and key data in memory; a change anywhere tells all of them at once.
create function tollgate_notify_config() returns trigger language plpgsql as $$
begin
    perform pg_notify('tollgate_config', tg_table_name);
    return null;
end $$;

create trigger projects_changed after insert or update or delete on projects
    for each statement execute function tollgate_notify_config();
create trigger api_keys_changed after insert or update or delete on api_keys
    for each statement execute function tollgate_notify_config();
create trigger backends_changed after insert or update or delete on backends
    for each statement execute function tollgate_notify_config();
create trigger backend_models_changed after insert or update or delete on backend_models
    for each statement execute function tollgate_notify_config();
create trigger admin_api_keys_changed after insert or update or delete on admin_api_keys
    for each statement execute function tollgate_notify_config();
