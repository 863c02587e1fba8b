package io.tollgate.gateway.admission.control;

import io.tollgate.gateway.settings.TollgateSettings;
import io.tollgate.gateway.config.control.GatewaySnapshot;
import io.tollgate.gateway.config.control.GatewaySnapshot.Deployment;
import io.tollgate.gateway.config.control.GatewaySnapshot.ModelLimits;
import io.tollgate.gateway.config.control.GatewaySnapshot.ProjectLimits;
import io.tollgate.gateway.platform.Refusal;
import io.tollgate.gateway.platform.ApiException;
import io.tollgate.gateway.platform.DirectConnection;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import io.tollgate.gateway.usage.control.UsageMeter;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import java.util.function.BiConsumer;
import java.util.function.IntSupplier;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Admission for every inference request, whatever API it came through: builds the request's demands from its
 * project's limits, reserves them (or refuses with OpenAI's 429), and reports the standing in OpenAI's
 * {@code x-ratelimit-*} headers. Settlement happens when the relay reports the request finished.
 */
@ApplicationScoped
public class Admission {

    @Inject
    TollgateSettings settings;

    private static final Logger LOG = Logger.getLogger(Admission.class.getName());
    @Inject
    UsageMeter meter;
    /** Reserved for the completion when a request does not say its {@code max_tokens}. */
    private int defaultMaxTokens;
    private LeaseStore store;
    private AdmissionControl control;
    private ScheduledExecutorService upkeep;
    private long ticks;
    private volatile boolean databaseAnswers = true;

    /** Starts leasing against the shared database (at startup, once it answers). */
    public synchronized void start() {
        if (control != null) {
            return;
        }
        defaultMaxTokens = settings.admission().defaultMaxTokens();
        double outageShare = settings.admission().outageAllowance();
        String replicaId = "replica-" + UUID.randomUUID();
        // Virtual: lease refills and the upkeep wait on the database, off the request path.
        upkeep = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("tollgate-admission").factory());
        store = new LeaseStore(DirectConnection.to(settings.database(), "tollgate-admission", 3), replicaId);
        control = new AdmissionControl(store, Clock.systemUTC(), upkeep, outageShare);
        control.onOutageChange(down -> LOG.warning(down
                ? "Admission: the database cannot be reached; admitting on local bounds (fail-open projects) "
                + "and refusing fail-closed projects until it returns"
                : "Admission: the database answers again; limits are shared across replicas again"));
        upkeep.scheduleWithFixedDelay(this::maintain, 1, 1, TimeUnit.SECONDS);
    }

    private void maintain() {
        try {
            boolean answers = store.renew(++ticks % 60 == 0);
            databaseAnswers = answers;
            control.maintain(answers);
        } catch (RuntimeException e) {
            LOG.warning("Admission upkeep failed: " + e.getMessage());
        }
    }

    /** What the replicas hold of the project's spend limit this month (used plus reserved), in nano-USD. */
    public long spendLeased(String projectId) {
        long window = Window.MONTH.start(Instant.now());
        try {
            return store == null ? 0 : store.total(spendScope(projectId), window);
        } catch (LeaseSource.LeaseUnavailable e) {
            return 0;
        }
    }

    static String spendScope(String projectId) {
        return projectId + "/spend-month";
    }

    /** Whether the shared counters answered at the last upkeep (each second); no database call of its own. */
    public boolean databaseAnswers() {
        return databaseAnswers && (control == null || !control.inOutage());
    }

    @PreDestroy
    public synchronized void stop() {
        if (control == null) {
            return;
        }
        upkeep.shutdownNow();
        control.giveBackAll();
        store.close();
    }

    /**
     * Reserves what the request needs under every limit of its project, or refuses it: 429 in OpenAI's shape with
     * {@code Retry-After}. Tells the {@code x-ratelimit-*} headers either way.
     *
     * @param request      the request in OpenAI's shape
     * @param promptTokens the request's prompt tokens (counted only if a token or spend limit applies)
     * @param headers      where the {@code x-ratelimit-*} headers go
     */
    public Reservation admit(GatewaySnapshot snapshot, String projectId, String model, JsonObject request,
                             List<Deployment> rotation, boolean embedding, IntSupplier promptTokens,
                             BiConsumer<String, String> headers) {
        ProjectLimits limits = snapshot.limits(projectId);
        if (limits == ProjectLimits.NONE || control == null) {
            return Reservation.NONE;
        }
        List<Demand> demands = demands(projectId, model, limits, request, rotation, embedding, promptTokens);
        if (demands.isEmpty()) {
            return Reservation.NONE;
        }
        try {
            Reservation reservation = control.admit(demands, limits.failOpen());
            headers(demands, headers);
            return reservation;
        } catch (AdmissionControl.Refused refused) {
            headers(demands, headers);
            ApiException refusal = refusal(refused, model);
            meter.rejected(refusal.error().refusal().metricLabel());
            throw refusal;
        }
    }

    List<Demand> demands(String projectId, String model, ProjectLimits limits, JsonObject request,
                         List<Deployment> rotation, boolean embedding, IntSupplier promptTokens) {
        List<Demand> demands = new ArrayList<>(8);
        ModelLimits perModel = limits.model(model);
        String modelScope = projectId + "/model/" + model;
        if (limits.requestsPerMinute() != null) {
            demands.add(new Demand(projectId + "/rpm", Window.MINUTE, limits.requestsPerMinute(), 1,
                    Demand.Kind.REQUESTS));
        }
        if (perModel != null && perModel.requestsPerMinute() != null) {
            demands.add(new Demand(modelScope + "/rpm", Window.MINUTE, perModel.requestsPerMinute(), 1,
                    Demand.Kind.REQUESTS));
        }
        if (perModel != null && perModel.requestsPerDay() != null) {
            demands.add(new Demand(modelScope + "/rpd", Window.DAY, perModel.requestsPerDay(), 1, Demand.Kind.REQUESTS));
        }
        boolean spend = limits.spendLimitNanoUsd() != null && limits.spendLimitEnforced();
        boolean tokens = limits.tokensPerMinute() != null || limits.monthlyTokenQuota() != null
                || (perModel != null && perModel.tokensPerMinute() != null);
        if (tokens || spend) {
            // Counted only when a token or spend limit applies: tokenizing is the one costly step of admission.
            long prompt = promptTokens.getAsInt();
            long completion = embedding ? 0 : maxTokens(request);
            long estimate = prompt + completion;
            if (limits.tokensPerMinute() != null) {
                demands.add(new Demand(projectId + "/tpm", Window.MINUTE, limits.tokensPerMinute(), estimate,
                        Demand.Kind.TOKENS));
            }
            if (perModel != null && perModel.tokensPerMinute() != null) {
                demands.add(new Demand(modelScope + "/tpm", Window.MINUTE, perModel.tokensPerMinute(), estimate,
                        Demand.Kind.TOKENS));
            }
            if (limits.monthlyTokenQuota() != null) {
                demands.add(new Demand(projectId + "/tokens-month", Window.MONTH, limits.monthlyTokenQuota(), estimate,
                        Demand.Kind.QUOTA));
            }
            if (spend) {
                // The dearest backend that may answer: settlement charges the one that did.
                long cost = rotation.stream().mapToLong(d -> d.price().nanoUsd(prompt, 0, completion)).max().orElse(0);
                demands.add(new Demand(spendScope(projectId), Window.MONTH, limits.spendLimitNanoUsd(), cost,
                        Demand.Kind.SPEND));
            }
        }
        if (limits.maxConcurrentRequests() != null) {
            demands.add(new Demand(projectId + "/concurrent", Window.OPEN, limits.maxConcurrentRequests(), 1,
                    Demand.Kind.CONCURRENCY));
        }
        return demands;
    }

    long maxTokens(JsonObject request) {
        for (String field : new String[]{"max_completion_tokens", "max_tokens"}) {
            if (request.get(field) instanceof JsonNumber n && n.isIntegral() && n.longValue() > 0) {
                return n.longValue();
            }
        }
        return defaultMaxTokens;
    }

    private void headers(List<Demand> demands, BiConsumer<String, String> headers) {
        header(demands, Demand.Kind.REQUESTS, "requests", headers);
        header(demands, Demand.Kind.TOKENS, "tokens", headers);
    }

    private void header(List<Demand> demands, Demand.Kind kind, String suffix, BiConsumer<String, String> headers) {
        AdmissionControl.Standing standing = control.standing(demands, kind);
        if (standing != null) {
            headers.accept("x-ratelimit-limit-" + suffix, Long.toString(standing.limit()));
            headers.accept("x-ratelimit-remaining-" + suffix, Long.toString(standing.remaining()));
            headers.accept("x-ratelimit-reset-" + suffix, RateLimitHeaders.duration(standing.reset()));
        }
    }

    private static ApiException refusal(AdmissionControl.Refused refused, String model) {
        if (refused.outage()) {
            return new ApiException(Refusal.ADMISSION_OUTAGE.error("Tollgate cannot check this project's limits "
                    + "right now and the project is set to refuse requests then (on_database_outage: fail_closed). "
                    + "Please retry shortly.").retryAfter(AdmissionControl.OUTAGE_BACKOFF));
        }
        Duration wait = Duration.between(Instant.now(), refused.retryAt());
        Duration atLeastASecond = wait.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : wait;
        return new ApiException(RateLimitHeaders.error(refused.demand(), model, wait).retryAfter(atLeastASecond));
    }
}
