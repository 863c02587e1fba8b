-- A tenant admin is a portal user bound to one project: it sees and serves only that project. Other roles are bound
-- to none. Deleting a project is not something Tollgate does (projects are archived), so the link never dangles.
alter table admin_users
    add column project_id text references projects (id),
    add constraint admin_users_tenant_has_project
        check ((role = 'tenant_admin') = (project_id is not null));
create index admin_users_project on admin_users (project_id) where project_id is not null;
