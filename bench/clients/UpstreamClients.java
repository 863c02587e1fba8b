import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Which HTTP client should carry Tollgate's upstream calls: the same POSTs Tollgate sends (JSON, or a stream read
 * with one-piece-at-a-time demand, as the relay reads it), kept CONCURRENCY in flight against the bench upstreams,
 * measuring exchanges per second and this JVM's CPU per exchange. The gateway's own work is absent, so the figures
 * are the clients' alone.
 *
 * Usage (bench/clients/run.sh): java UpstreamClients.java CLIENT URL CONCURRENCY SECONDS STREAM
 *   CLIENT: jdk (the JDK HttpClient on a 4-thread executor, as Tollgate used it), jdk-direct (its work on its
 *   selector thread), jetty (Jetty 12's HttpClient)
 */
public class UpstreamClients {

    interface Client {
        /** One exchange: completes when the whole body was read. */
        CompletableFuture<Void> exchange();
    }

    static final AtomicLong bytes = new AtomicLong();
    static final AtomicLong errors = new AtomicLong();

    public static void main(String[] args) throws Exception {
        String kind = args[0];
        URI uri = URI.create(args[1]);
        int concurrency = Integer.parseInt(args[2]);
        int seconds = Integer.parseInt(args[3]);
        boolean stream = "1".equals(args[4]);
        byte[] body = ("{\"model\":\"bench\",\"stream\":" + stream + ",\"stream_options\":{\"include_usage\":true},"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Say something about foxes.\"}]}")
                .getBytes(StandardCharsets.UTF_8);
        Client client = switch (kind) {
            case "jdk" -> jdk(uri, body, stream, Executors.newFixedThreadPool(4));
            case "jdk-direct" -> jdk(uri, body, stream, null);
            case "jetty" -> jetty(uri, body, stream);
            default -> throw new IllegalArgumentException(kind);
        };
        run(client, concurrency, 5); // warm-up: JIT and connection pool
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        long n = run(client, concurrency, seconds);
        long wall = System.nanoTime() - t0;
        long cpu = os.getProcessCpuTime() - cpu0;
        System.out.printf("RESULT client=%s stream=%d c=%d rps=%.0f cpu_us_per_exchange=%.1f cpu_cores=%.2f errors=%d%n",
                kind, stream ? 1 : 0, concurrency, n * 1e9 / wall, cpu / 1e3 / n, (double) cpu / wall, errors.get());
        System.exit(0);
    }

    /** Keeps {@code concurrency} exchanges in flight for {@code seconds}; returns how many completed. */
    static long run(Client client, int concurrency, int seconds) throws InterruptedException {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        AtomicLong done = new AtomicLong();
        CompletableFuture<?>[] loops = new CompletableFuture<?>[concurrency];
        for (int i = 0; i < concurrency; i++) {
            CompletableFuture<Void> loop = new CompletableFuture<>();
            loops[i] = loop;
            next(client, end, done, loop);
        }
        CompletableFuture.allOf(loops).join();
        return done.get();
    }

    static void next(Client client, long end, AtomicLong done, CompletableFuture<Void> loop) {
        if (System.nanoTime() >= end) {
            loop.complete(null);
            return;
        }
        client.exchange().whenComplete((v, e) -> {
            if (e != null) {
                errors.incrementAndGet();
            } else {
                done.incrementAndGet();
            }
            next(client, end, done, loop);
        });
    }

    static Client jdk(URI uri, byte[] body, boolean stream, ExecutorService executor) {
        var builder = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1);
        builder.executor(executor == null ? Runnable::run : executor);
        java.net.http.HttpClient http = builder.build();
        return () -> {
            HttpRequest request = HttpRequest.newBuilder(uri)
                    .header("Content-Type", "application/json")
                    .header("Accept", stream ? "text/event-stream" : "application/json")
                    .header("Authorization", "Bearer sk-upstream")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            CompletableFuture<Void> whole = new CompletableFuture<>();
            http.sendAsync(request, info -> HttpResponse.BodySubscribers.fromSubscriber(new OneAtATime(whole)))
                    .whenComplete((r, e) -> {
                        if (e != null) {
                            whole.completeExceptionally(e);
                        }
                    });
            return whole;
        };
    }

    /** Reads a body a piece at a time, as Tollgate's relay does (backpressure). */
    static final class OneAtATime implements Flow.Subscriber<List<ByteBuffer>> {
        private final CompletableFuture<Void> whole;
        private Flow.Subscription s;

        OneAtATime(CompletableFuture<Void> whole) {
            this.whole = whole;
        }

        public void onSubscribe(Flow.Subscription s) {
            this.s = s;
            s.request(1);
        }

        public void onNext(List<ByteBuffer> item) {
            for (ByteBuffer b : item) {
                bytes.addAndGet(b.remaining());
            }
            s.request(1);
        }

        public void onError(Throwable t) {
            whole.completeExceptionally(t);
        }

        public void onComplete() {
            whole.complete(null);
        }
    }

    static Client jetty(URI uri, byte[] body, boolean stream) throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool(8, 2);
        threads.setName("jetty-client");
        HttpClient http = new HttpClient();
        http.setExecutor(threads);
        http.setMaxConnectionsPerDestination(1024);
        http.setFollowRedirects(false);
        http.start();
        return () -> {
            CompletableFuture<Void> whole = new CompletableFuture<>();
            http.newRequest(uri).method(HttpMethod.POST)
                    .headers(h -> h.put("Accept", stream ? "text/event-stream" : "application/json")
                            .put("Authorization", "Bearer sk-upstream"))
                    .body(new BytesRequestContent("application/json", body))
                    .onResponseContentAsync((Response response, org.eclipse.jetty.io.Content.Chunk chunk,
                                             Runnable demand) -> {
                        bytes.addAndGet(chunk.getByteBuffer().remaining());
                        demand.run();
                    })
                    .send(result -> {
                        if (result.isFailed()) {
                            whole.completeExceptionally(result.getFailure());
                        } else {
                            whole.complete(null);
                        }
                    });
            return whole;
        };
    }
}
