package io.tollgate.gateway.projects.boundary;

import io.tollgate.gateway.admins.control.PortalAccess;
import io.tollgate.gateway.admins.control.PortalAccess.Use;
import io.tollgate.gateway.config.control.ConfigChanged;
import io.tollgate.gateway.platform.ApiError;
import io.tollgate.gateway.platform.ApiException;
import io.tollgate.gateway.platform.Secrets;
import io.tollgate.persistence.Page;
import io.tollgate.persistence.keys.ApiKey;
import io.tollgate.persistence.keys.ApiKeyStore;
import io.tollgate.persistence.projects.Project;
import io.tollgate.persistence.projects.ProjectStore;
import io.tollgate.persistence.serviceaccounts.ServiceAccount;
import io.tollgate.persistence.serviceaccounts.ServiceAccountStore;
import io.tollgate.gateway.audit.control.AuditTrail;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Instant;

/**
 * Tenants (projects), their service accounts and their API keys, as OpenAI's Administration API and the portal manage
 * them. Every change reaches every replica's key cache (this one before the call returns, others by NOTIFY). A portal
 * tenant admin reaches only its own project ({@link PortalAccess}), whichever page calls.
 */
@ApplicationScoped
public class ProjectsFacade {

    @Inject
    ProjectStore projects;
    @Inject
    ServiceAccountStore serviceAccounts;
    @Inject
    ApiKeyStore apiKeys;
    @Inject
    Event<ConfigChanged> changed;
    @Inject
    AuditTrail audit;

    /** A service account just created, with the only copy of its API key Tollgate will ever show. */
    public record CreatedServiceAccount(ServiceAccountView account, ApiKeyView key, String keyValue) {
    }

    @Transactional
    public ProjectView create(String name) {
        PortalAccess.requireNewProject();
        Project project = new Project(Secrets.newId("proj"), name, Instant.now());
        projects.add(project);
        audit.record("project.created", project.id(), project.id(), AuditTrail.fields("data", AuditTrail.fields("name", name)));
        return ProjectView.of(project);
    }

    @Transactional
    public Page<ProjectView> page(String after, int limit, boolean includeArchived) {
        var own = PortalAccess.tenantProject();
        if (own.isPresent()) {
            boolean first = after == null;
            return new Page<>(first ? projects.find(own.get()).map(ProjectView::of).stream().toList()
                    : java.util.List.of(), false);
        }
        return projects.page(after, limit, includeArchived).map(ProjectView::of);
    }

    /** Projects whose name or id contains the filter (any case), by position for a lazily paged list. */
    @Transactional
    public java.util.List<ProjectView> search(String filter, boolean includeArchived, int offset, int limit) {
        var own = PortalAccess.tenantProject();
        if (own.isPresent()) {
            return offset > 0 ? java.util.List.of() : projects.find(own.get()).map(ProjectView::of).stream().toList();
        }
        return projects.search(filter, includeArchived, offset, limit).stream().map(ProjectView::of).toList();
    }

    @Transactional
    public long searchCount(String filter, boolean includeArchived) {
        var own = PortalAccess.tenantProject();
        if (own.isPresent()) {
            return projects.find(own.get()).isPresent() ? 1 : 0;
        }
        return projects.searchCount(filter, includeArchived);
    }

    @Transactional
    public ProjectView find(String id) {
        return ProjectView.of(project(id));
    }

    private Project project(String id) {
        PortalAccess.require(id, Use.READ);
        return projects.find(id).orElseThrow(() -> notFound("project", id));
    }

    @Transactional
    public ProjectView rename(String id, String name) {
        PortalAccess.require(id, Use.CONFIGURE);
        Project project = active(id);
        String before = project.name();
        project.rename(name);
        audit.record("project.updated", id, id, AuditTrail.fields("changes_requested", AuditTrail.fields("title", name),
                "before", AuditTrail.fields("title", before)));
        return ProjectView.of(project);
    }

    /** Archived projects keep their history; their keys stop working at once. */
    @Transactional
    public ProjectView archive(String id) {
        PortalAccess.require(id, Use.CONFIGURE);
        Project project = project(id);
        if (project.isActive()) {
            project.archive(Instant.now());
            audit.record("project.archived", id, id, null);
            changed.fire(new ConfigChanged("projects"));
        }
        return ProjectView.of(project);
    }

    @Transactional
    public CreatedServiceAccount createServiceAccount(String projectId, String name) {
        PortalAccess.require(projectId, Use.MANAGE_KEYS);
        active(projectId);
        Instant now = Instant.now();
        ServiceAccount account = new ServiceAccount(Secrets.newId("svc_acct"), projectId, name, "member", now);
        serviceAccounts.add(account);
        String value = Secrets.newTenantKey();
        ApiKey key = new ApiKey(Secrets.newId("key"), projectId, name, Secrets.digest(value), Secrets.visiblePrefix(value),
                now).ownedBy(account.id());
        apiKeys.add(key);
        audit.record("service_account.created", projectId, account.id(), AuditTrail.fields("data",
                AuditTrail.fields("role", account.role(), "name", name)));
        audit.record("api_key.created", projectId, key.id(), AuditTrail.fields("data",
                AuditTrail.fields("owner", account.id(), "redacted_value", key.prefix())));
        changed.fire(new ConfigChanged("api_keys"));
        return new CreatedServiceAccount(ServiceAccountView.of(account), ApiKeyView.of(key), value);
    }

    @Transactional
    public Page<ServiceAccountView> serviceAccounts(String projectId, String after, int limit) {
        project(projectId);
        return serviceAccounts.page(projectId, after, limit).map(ServiceAccountView::of);
    }

    @Transactional
    public ServiceAccountView serviceAccount(String projectId, String id) {
        return ServiceAccountView.of(account(projectId, id));
    }

    private ServiceAccount account(String projectId, String id) {
        project(projectId);
        return serviceAccounts.find(projectId, id).orElseThrow(() -> notFound("service account", id));
    }

    /** Deleting a service account revokes every key it owns. */
    @Transactional
    public void deleteServiceAccount(String projectId, String id) {
        PortalAccess.require(projectId, Use.MANAGE_KEYS);
        ServiceAccount account = account(projectId, id);
        Instant now = Instant.now();
        account.delete(now);
        apiKeys.ownedBy(id).forEach(k -> {
            k.revoke(now);
            audit.record("api_key.deleted", projectId, k.id(), null);
        });
        audit.record("service_account.deleted", projectId, id, null);
        changed.fire(new ConfigChanged("service_accounts"));
    }

    @Transactional
    public Page<ApiKeyView> keys(String projectId, String after, int limit) {
        project(projectId);
        return apiKeys.page(projectId, after, limit).map(ApiKeyView::of);
    }

    @Transactional
    public ApiKeyView key(String projectId, String id) {
        return ApiKeyView.of(apiKey(projectId, id));
    }

    private ApiKey apiKey(String projectId, String id) {
        project(projectId);
        return apiKeys.find(projectId, id).orElseThrow(() -> notFound("API key", id));
    }

    /** Tollgate's own key settings: an expiry and a model allow-list (null: every model). */
    @Transactional
    public ApiKeyView restrictKey(String projectId, String id, Instant expiresAt,
                                  java.util.List<String> allowedModels) {
        PortalAccess.require(projectId, Use.MANAGE_KEYS);
        ApiKey key = apiKey(projectId, id);
        String json = null;
        if (allowedModels != null) {
            var array = io.tollgate.gateway.platform.Jsonp.PROVIDER.createArrayBuilder();
            allowedModels.forEach(array::add);
            json = array.build().toString();
        }
        key.restrict(expiresAt, json);
        audit.record("api_key.updated", projectId, id, AuditTrail.fields("changes_requested", AuditTrail.fields(
                "expires_at", expiresAt == null ? null : expiresAt.getEpochSecond(), "allowed_models",
                json == null ? null : json)));
        changed.fire(new ConfigChanged("api_keys"));
        return ApiKeyView.of(key);
    }

    /** Revocation reaches every replica within the cache's staleness bound. */
    @Transactional
    public void revokeKey(String projectId, String id) {
        PortalAccess.require(projectId, Use.MANAGE_KEYS);
        apiKey(projectId, id).revoke(Instant.now());
        audit.record("api_key.deleted", projectId, id, null);
        changed.fire(new ConfigChanged("api_keys"));
    }

    @Transactional
    public ServiceAccountView ownerOf(ApiKeyView key) {
        return key.serviceAccountId() == null ? null
                : serviceAccounts.find(key.projectId(), key.serviceAccountId()).map(ServiceAccountView::of).orElse(null);
    }

    private Project active(String id) {
        Project project = project(id);
        if (!project.isActive()) {
            throw new ApiException(ApiError.invalidRequest("Project '" + id + "' is archived and cannot be changed.",
                    "project_id"));
        }
        return project;
    }

    private static ApiException notFound(String what, String id) {
        return new ApiException(ApiError.notFound("No " + what + " with id '" + id + "'."));
    }
}
