import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Holds many long SSE streams through a gateway at once and checks each: HTTP 200, every chunk's content
 * ("word0 ", "word1 ", … as ../shared/bench/sse-upstream.js sends them) in order with none missing, then [DONE].
 * Prints errors, how long streams took and the longest silence between two chunks of one stream. On Jetty's HTTP
 * client, the cheapest of those measured (bench/clients): the load generator shares the machine with Tollgate.
 * Usage: java -cp JETTY_CLIENT_JARS LongStreams.java URL KEY MODEL STREAMS CHUNKS [OPEN_PER_SECOND]
 */
public class LongStreams {

    record Outcome(String error, long millis, long maxGapMillis) {
    }

    public static void main(String[] args) throws Exception {
        URI uri = URI.create(args[0] + "/v1/chat/completions");
        String key = args[1], model = args[2];
        int streams = Integer.parseInt(args[3]), chunks = Integer.parseInt(args[4]);
        int perSecond = args.length > 5 ? Integer.parseInt(args[5]) : 1000;
        QueuedThreadPool threads = new QueuedThreadPool(16, 2);
        threads.setName("long-streams");
        HttpClient http = new HttpClient();
        http.setExecutor(threads);
        http.setConnectTimeout(30_000);
        http.setIdleTimeout(120_000);
        http.setMaxConnectionsPerDestination(streams + 16);
        http.setMaxRequestsQueuedPerDestination(streams + 16);
        http.start();
        byte[] body = ("{\"model\":\"" + model + "\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":"
                + "\"Say something long.\"}]}").getBytes();
        AtomicInteger open = new AtomicInteger(), done = new AtomicInteger();
        ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
        List<CompletableFuture<?>> all = new ArrayList<>();
        long t0 = System.nanoTime();
        Thread progress = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    Thread.sleep(5000);
                } catch (InterruptedException e) {
                    return;
                }
                System.out.printf("  t=%3ds open=%d finished=%d%n", (System.nanoTime() - t0) / 1_000_000_000,
                        open.get(), done.get());
            }
        });
        progress.setDaemon(true);
        progress.start();
        for (int i = 0; i < streams; i++) {
            long due = t0 + (long) i * 1_000_000_000L / perSecond;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            Checker checker = new Checker(chunks);
            CompletableFuture<Void> finished = new CompletableFuture<>();
            open.incrementAndGet();
            http.newRequest(uri).method(HttpMethod.POST).timeout(5, java.util.concurrent.TimeUnit.MINUTES)
                    .headers(h -> h.put("Authorization", "Bearer " + key))
                    .body(new BytesRequestContent("application/json", body))
                    .onResponseBegin(response -> checker.status = response.getStatus())
                    .onResponseContent((response, content) -> checker.bytes(content))
                    .send(result -> {
                        open.decrementAndGet();
                        done.incrementAndGet();
                        outcomes.add(checker.outcome(result.getFailure()));
                        finished.complete(null);
                    });
            all.add(finished);
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
        progress.interrupt();
        List<Outcome> list = new ArrayList<>(outcomes);
        List<String> errors = list.stream().filter(o -> o.error != null).map(Outcome::error).toList();
        List<Long> millis = new ArrayList<>(list.stream().map(Outcome::millis).toList());
        List<Long> gaps = new ArrayList<>(list.stream().map(Outcome::maxGapMillis).toList());
        Collections.sort(millis);
        Collections.sort(gaps);
        System.out.printf("RESULT streams=%d errors=%d chunks_each=%d duration_ms_p50=%d p99=%d max=%d "
                        + "max_gap_ms_p50=%d p99=%d max=%d%n", list.size(), errors.size(), chunks,
                pct(millis, 50), pct(millis, 99), pct(millis, 100), pct(gaps, 50), pct(gaps, 99), pct(gaps, 100));
        // Kinds of error (numbers masked), most frequent first.
        errors.stream().collect(java.util.stream.Collectors.groupingBy(e -> e.replaceAll("\\d+", "N"),
                        java.util.stream.Collectors.counting())).entrySet().stream()
                .sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed()).limit(12)
                .forEach(e -> System.out.println("  error x" + e.getValue() + ": " + e.getKey()));
        System.exit(errors.isEmpty() ? 0 : 1);
    }

    static long pct(List<Long> sorted, int p) {
        return sorted.isEmpty() ? -1 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * p / 100.0) - 1 < 0 ? 0 : (int) Math.ceil(sorted.size() * p / 100.0) - 1));
    }

    /** Checks one stream's lines as they arrive. */
    static final class Checker {
        final int chunks;
        final long started = System.nanoTime();
        volatile int status;
        long last = started, maxGap;
        int next;
        boolean finished, sawDone;
        String error;

        private final StringBuilder partial = new StringBuilder();
        private String lastError;

        Checker(int chunks) {
            this.chunks = chunks;
        }

        /** Splits what arrived into lines (an event may arrive in pieces). */
        synchronized void bytes(ByteBuffer content) {
            partial.append(StandardCharsets.UTF_8.decode(content));
            if (status != 200) {
                return; // an error body: kept whole for the outcome
            }
            int from = 0;
            for (int nl = partial.indexOf("\n"); nl >= 0; nl = partial.indexOf("\n", from)) {
                line(partial.substring(from, nl));
                from = nl + 1;
            }
            partial.delete(0, from);
        }

        private void line(String line) {
            if (!line.startsWith("data:") || error != null) {
                return;
            }
            long now = System.nanoTime();
            if (next > 0) {
                maxGap = Math.max(maxGap, now - last);
            }
            last = now;
            String data = line.substring(5).strip();
            if (data.equals("[DONE]")) {
                sawDone = true;
                return;
            }
            int at = data.indexOf("\"content\":\"word");
            if (at >= 0) {
                int from = at + 15, to = data.indexOf(' ', from);
                int n = Integer.parseInt(data.substring(from, to));
                if (n != next) {
                    error = "chunk " + n + " where " + next + " was due";
                }
                next++;
            } else if (data.contains("\"finish_reason\":\"stop\"")) {
                finished = true;
            } else if (data.contains("\"error\"")) {
                lastError = data.substring(0, Math.min(data.length(), 200));
            }
        }

        synchronized Outcome outcome(Throwable failure) {
            long millis = (System.nanoTime() - started) / 1_000_000;
            String e = error;
            if (failure != null) {
                e = String.valueOf(failure.getCause() != null ? failure.getCause() : failure) + " after " + next
                        + " chunks";
            } else if (status != 200) {
                e = "HTTP " + status + " " + partial.substring(0, Math.min(partial.length(), 300));
            } else if (e == null && next != chunks) {
                e = next + " of " + chunks + " chunks" + (lastError == null ? "" : ", then " + lastError);
            } else if (e == null && (!finished || !sawDone)) {
                e = "no finish chunk or no [DONE]";
            }
            return new Outcome(e, millis, maxGap / 1_000_000);
        }
    }
}
