-- Project service accounts (OpenAI's Administration API objects) own project API keys; admin keys may expire.
create table service_accounts (
    id          text primary key,
    project_id  text        not null references projects (id),
    name        text        not null,
    role        text        not null default 'member' check (role in ('owner', 'member')),
    created_at  timestamptz not null default now(),
    deleted_at  timestamptz
);
create index service_accounts_project on service_accounts (project_id, created_at, id);

alter table api_keys add column service_account_id text references service_accounts (id);
create index api_keys_listing on api_keys (project_id, created_at, id);

alter table admin_api_keys add column expires_at timestamptz;

create index projects_listing on projects (created_at, id);
create index admin_api_keys_listing on admin_api_keys (created_at, id);

create trigger service_accounts_changed after insert or update or delete on service_accounts
    for each statement execute function tollgate_notify_config();
