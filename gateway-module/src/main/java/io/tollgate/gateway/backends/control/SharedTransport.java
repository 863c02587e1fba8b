package io.tollgate.gateway.backends.control;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one HTTP client every upstream call shares (pooled keep-alive connections, non-blocking), and the one timer
 * that paces simulated tokens. Plain JDK executors, not managed ones: per-task context propagation would sit on
 * the hot path for nothing, as these tasks touch no container resource.
 */
@ApplicationScoped
public class SharedTransport {

    private final HttpClient http;
    private final java.util.concurrent.ExecutorService upstreamThreads;
    private final java.util.concurrent.ConcurrentHashMap<Duration, HttpClient> byConnectTimeout =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final ScheduledThreadPoolExecutor timer;

    public SharedTransport() {
        AtomicInteger n = new AtomicInteger();
        this.upstreamThreads = Executors.newFixedThreadPool(Math.max(4, Runtime.getRuntime().availableProcessors() * 2),
                r -> daemon(r, "tollgate-upstream-" + n.incrementAndGet()));
        this.http = client(Timeouts.DEFAULT_CONNECT);
        byConnectTimeout.put(Timeouts.DEFAULT_CONNECT, http);
        this.timer = new ScheduledThreadPoolExecutor(2, r -> daemon(r, "tollgate-timer-" + n.incrementAndGet()));
        this.timer.setRemoveOnCancelPolicy(true);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    public HttpClient http() {
        return http;
    }

    /**
     * The client for a connect timeout (the JDK sets it per client): one per distinct value, sharing one thread
     * pool, so backends with the default all share one connection pool.
     */
    public HttpClient http(Duration connectTimeout) {
        return byConnectTimeout.computeIfAbsent(connectTimeout, this::client);
    }

    private HttpClient client(Duration connectTimeout) {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(upstreamThreads)
                .build();
    }

    public ScheduledExecutorService timer() {
        return timer;
    }

    @PreDestroy
    void close() {
        timer.shutdownNow();
    }
}
