package io.tollgate.it;

import jakarta.json.Json;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A few client threads sending chat completions, streamed and not alternately, until stopped; every request's
 * outcome is classified from what the client saw: {@code 200} (a whole answer; a stream ended by {@code [DONE]}),
 * {@code 200+error-event} (a stream ended by an error event), {@code 200+cut} (a stream that just stopped — the bad
 * one), another status, or the exception's name when the connection failed.
 */
final class SteadyLoad implements AutoCloseable {

    private final Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Long> latenciesMicros = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final ExecutorService threads;
    private final AtomicInteger sent = new AtomicInteger();

    SteadyLoad(List<TollgateClient> targets, String key, String model, int clients, long pauseMillis) {
        threads = Executors.newFixedThreadPool(clients);
        for (int t = 0; t < clients; t++) {
            TollgateClient target = targets.get(t % targets.size());
            int thread = t;
            threads.submit(() -> {
                int i = thread;
                while (running.get()) {
                    boolean stream = i++ % 2 == 0;
                    long started = System.nanoTime();
                    String outcome = call(target, key, model, stream);
                    latenciesMicros.add((System.nanoTime() - started) / 1000);
                    outcomes.computeIfAbsent(outcome, o -> new AtomicInteger()).incrementAndGet();
                    if (pauseMillis > 0) {
                        Thread.sleep(pauseMillis);
                    } else if (!Character.isDigit(outcome.charAt(0))) {
                        Thread.sleep(20); // no connection: a client backs off a little rather than spin
                    }
                }
                return null;
            });
        }
    }

    private String call(TollgateClient target, String key, String model, boolean stream) {
        sent.incrementAndGet();
        try {
            HttpResponse<String> answer = TollgateClient.HTTP.send(HttpRequest.newBuilder(target.uri(
                            "/v1/chat/completions")).timeout(Duration.ofSeconds(60))
                    .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(chat(model, stream))).build(),
                    HttpResponse.BodyHandlers.ofString());
            return classify(answer, stream);
        } catch (Exception e) {
            return e.getClass().getSimpleName();
        }
    }

    static String classify(HttpResponse<String> answer, boolean stream) {
        if (answer.statusCode() != 200) {
            return Integer.toString(answer.statusCode());
        }
        if (!stream) {
            return answer.body().contains("\"choices\"") ? "200" : "200+bad-body";
        }
        String body = answer.body().stripTrailing();
        if (body.endsWith("data: [DONE]")) {
            return "200";
        }
        List<String> data = TollgateClient.sseData(answer.body());
        return !data.isEmpty() && data.get(data.size() - 1).startsWith("{\"error\"") ? "200+error-event" : "200+cut";
    }

    static String chat(String model, boolean stream) {
        return Json.createObjectBuilder().add("model", model).add("stream", stream).add("max_tokens", 16)
                .add("messages", Json.createArrayBuilder().add(Json.createObjectBuilder()
                        .add("role", "user").add("content", "Hello under load"))).build().toString();
    }

    /** Requests started so far (a request in flight counts). */
    int sent() {
        return sent.get();
    }

    /** Stops the clients and waits for the requests in flight. */
    Map<String, Integer> stop() throws InterruptedException {
        running.set(false);
        threads.shutdown();
        if (!threads.awaitTermination(90, TimeUnit.SECONDS)) {
            threads.shutdownNow();
        }
        return outcomes();
    }

    Map<String, Integer> outcomes() {
        Map<String, Integer> copy = new TreeMap<>();
        outcomes.forEach((k, v) -> copy.put(k, v.get()));
        return copy;
    }

    int total() {
        return outcomes().values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Latency percentiles in milliseconds of the requests since the last call, then forgets them. */
    double[] drainLatencyMillis(double... percentiles) {
        List<Long> all = new ArrayList<>();
        for (Long l; (l = latenciesMicros.poll()) != null; ) {
            all.add(l);
        }
        all.sort(Long::compare);
        double[] out = new double[percentiles.length];
        for (int i = 0; i < percentiles.length && !all.isEmpty(); i++) {
            out[i] = all.get(Math.min(all.size() - 1, (int) Math.floor(percentiles[i] * all.size()))) / 1000.0;
        }
        return out;
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
