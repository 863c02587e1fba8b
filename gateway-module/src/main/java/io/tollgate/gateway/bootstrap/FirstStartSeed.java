package io.tollgate.gateway.bootstrap;

import io.tollgate.gateway.settings.TollgateSettings;
import io.tollgate.gateway.admins.boundary.AdminUsersFacade;
import io.tollgate.gateway.platform.Secrets;
import io.tollgate.persistence.admins.AdminApiKey;
import io.tollgate.persistence.admins.AdminStore;
import io.tollgate.persistence.admins.AdminUser;
import io.tollgate.persistence.backends.Backend;
import io.tollgate.persistence.backends.BackendStore;
import io.tollgate.persistence.backends.ModelRoute;
import io.tollgate.persistence.keys.ApiKey;
import io.tollgate.persistence.keys.ApiKeyStore;
import io.tollgate.persistence.projects.Project;
import io.tollgate.persistence.projects.ProjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What an empty database needs to be usable: the portal user {@code admin}, an admin API key and, for local runs
 * (TOLLGATE_SEED_DEMO=true), a demo project with its key and a simulator serving the model {@code demo}.
 * Secrets come from the environment when given; those Tollgate generates are printed once, here, and never again.
 */
@ApplicationScoped
public class FirstStartSeed {

    public static final String DEMO_MODEL = "demo";
    /** Serialises seeding when several replicas start on one empty database. */
    private static final long SEED_LOCK = 0x701167a7eL;

    @PersistenceContext(unitName = "tollgate")
    EntityManager em;
    @Inject
    AdminStore admins;
    @Inject
    ProjectStore projects;
    @Inject
    ApiKeyStore apiKeys;
    @Inject
    BackendStore backends;
    @Inject
    AdminUsersFacade users;

    @Inject
    TollgateSettings settings;

    @Transactional
    public void seed() {
        em.createNativeQuery("select pg_advisory_xact_lock(" + SEED_LOCK + ")").getSingleResult();
        PrintStream console = System.out;
        Instant now = Instant.now();
        if (admins.userCount() == 0) {
            String password = given(settings.seed().adminPassword()).orElseGet(() -> Secrets.random(20));
            admins.add(new AdminUser(Secrets.newId("user"), "admin", users.hash(password), "platform_admin", now));
            if (given(settings.seed().adminPassword()).isEmpty()) {
                console.println("Admin login: admin / " + password);
            }
        }
        Optional<String> bootstrapKey = given(settings.seed().adminApiKey());
        if (bootstrapKey.isPresent()) {
            byte[] digest = Secrets.digest(bootstrapKey.get());
            if (!admins.hasKeyWithHash(digest)) {
                admins.add(new AdminApiKey(Secrets.newId("key"), "bootstrap (TOLLGATE_ADMIN_API_KEY)", digest,
                        Secrets.visiblePrefix(bootstrapKey.get()), now));
            }
        } else if (admins.keyCount() == 0) {
            String key = Secrets.newAdminKey();
            admins.add(new AdminApiKey(Secrets.newId("key"), "first admin key", Secrets.digest(key),
                    Secrets.visiblePrefix(key), now));
            console.println("Admin API key: " + key);
        }
        if (settings.seed().demo() && projects.count() == 0) {
            seedDemoProject(now, console);
        }
    }

    private void seedDemoProject(Instant now, PrintStream console) {
        Project demo = new Project(Secrets.newId("proj"), "Demo", now);
        projects.add(demo);
        String key = given(settings.seed().demoApiKey()).orElseGet(Secrets::newTenantKey);
        apiKeys.add(new ApiKey(Secrets.newId("key"), demo.id(), "demo key", Secrets.digest(key),
                Secrets.visiblePrefix(key), now));
        if (given(settings.seed().demoApiKey()).isEmpty()) {
            console.println("Demo API key: " + key);
        }
        Backend simulator = new Backend(Secrets.newId("backend"), "demo-simulator", "simulator", now);
        simulator.serve(List.of(new ModelRoute(DEMO_MODEL, DEMO_MODEL, 1)));
        backends.add(simulator);
    }

    private static Optional<String> given(Optional<String> value) {
        return value.map(String::strip).filter(s -> !s.isEmpty());
    }
}
