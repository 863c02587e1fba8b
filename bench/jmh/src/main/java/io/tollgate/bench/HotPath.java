package io.tollgate.bench;

import io.tollgate.gateway.admission.control.AdmissionControl;
import io.tollgate.gateway.admission.control.Demand;
import io.tollgate.gateway.admission.control.LeaseSource;
import io.tollgate.gateway.admission.control.Window;
import io.tollgate.gateway.relay.control.ResponseShaper;
import io.tollgate.gateway.ledger.control.LedgerWriter;
import io.tollgate.gateway.ledger.control.UsageEvent;
import io.tollgate.gateway.platform.DirectConnection;
import io.tollgate.gateway.platform.RequestIds;
import io.tollgate.gateway.platform.Secrets;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** The gateway's per-request and per-chunk work, each piece alone, in nanoseconds per operation. */
@BenchmarkMode(Mode.AverageTime)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class HotPath {

    /** One chunk as vLLM streams it (the bench upstream's shape). */
    static final byte[] CHUNK = ("data: {\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion.chunk\",\"created\":1764000000,"
            + "\"model\":\"meta-llama/Meta-Llama-3-8B-Instruct\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"word7 \"},"
            + "\"finish_reason\":null}]}\n\n").getBytes(StandardCharsets.UTF_8);
    static final byte[] BODY = ("{\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion\",\"created\":1764000000,"
            + "\"model\":\"bench\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"The quick "
            + "brown fox jumps over the lazy dog.\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":12,"
            + "\"completion_tokens\":10,\"total_tokens\":22}}").getBytes(StandardCharsets.UTF_8);

    private ResponseShaper streamShaper;
    private AdmissionControl admission;
    private List<Demand> demands;
    private String bearer;

    @Setup
    public void setUp() {
        streamShaper = new ResponseShaper("llama-3-8b", true, false);
        // Leases always granted in full: what admission costs a request once its leases are prefetched.
        LeaseSource leases = new LeaseSource() {
            @Override
            public Grant lease(String scope, long windowStart, Instant windowEnd, long limit, long want) {
                return new Grant(want, want);
            }

            @Override
            public void giveBack(String scope, long windowStart, long amount) {
            }
        };
        admission = new AdmissionControl(leases, Clock.systemUTC(), Runnable::run, 0.1);
        demands = List.of(
                new Demand("proj_bench/rpm", Window.MINUTE, 100_000_000, 1, Demand.Kind.REQUESTS),
                new Demand("proj_bench/tpm", Window.MINUTE, 2_000_000_000, 1036, Demand.Kind.TOKENS),
                new Demand("proj_bench/model/bench/rpm", Window.MINUTE, 100_000_000, 1, Demand.Kind.REQUESTS),
                new Demand("proj_bench/model/bench/rpd", Window.DAY, 2_000_000_000, 1, Demand.Kind.REQUESTS),
                new Demand("proj_bench/quota", Window.MONTH, 900_000_000_000L, 1036, Demand.Kind.QUOTA),
                new Demand("proj_bench/concurrency", Window.OPEN, 100_000, 1, Demand.Kind.CONCURRENCY));
        bearer = Secrets.newTenantKey();
    }

    /** Per streamed chunk: split the SSE event, parse it, rewrite `model`, serialise. */
    @Benchmark
    public List<ByteBuffer> chunkRelayWithModelRewrite() {
        return streamShaper.accept(List.of(ByteBuffer.wrap(CHUNK)));
    }

    /** Per non-streamed response: buffer, parse, read the usage. */
    @Benchmark
    public List<ByteBuffer> bodyRelay() {
        ResponseShaper shaper = new ResponseShaper("bench", false, false);
        shaper.accept(List.of(ByteBuffer.wrap(BODY)));
        return shaper.finish();
    }

    /** Admission of a request under six limits (leases already held), settled at once. */
    @Benchmark
    public void admitAndSettle() {
        admission.admit(demands, true).settle(true, 22, 0);
    }

    /** Authentication's per-request work: the key's SHA-256 digest and its hex form, the snapshot's map key. */
    @Benchmark
    public String authenticationDigest() {
        return HexFormat.of().formatHex(Secrets.digest(bearer));
    }

    @Benchmark
    public String requestId() {
        return RequestIds.from(null);
    }

    /** Usage enqueue: a request's ledger event handed to the writer's queue (the writer thread is not started). */
    @State(Scope.Thread)
    public static class Ledger {
        LedgerWriter writer;
        Path spill;

        @Setup(Level.Iteration)
        public void open() throws Exception {
            spill = Files.createTempDirectory("jmh-spill");
            writer = new LedgerWriter(new DirectConnection("jdbc:postgresql://127.0.0.1:1/none", null, null, "jmh", 1),
                    spill, Clock.systemUTC(), 5_000_000, 90);
        }

        @TearDown(Level.Iteration)
        public void close() throws Exception {
            writer = null;
            try (var files = Files.walk(spill)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Short iterations: the queue is never drained here, and each iteration starts with an empty one. */
    @Benchmark
    @Warmup(iterations = 3, time = 200, timeUnit = TimeUnit.MILLISECONDS)
    @Measurement(iterations = 5, time = 200, timeUnit = TimeUnit.MILLISECONDS)
    public void usageEnqueue(Ledger ledger) {
        ledger.writer.record(new UsageEvent(UUID.randomUUID(), Instant.now(), "proj_bench", "key_bench", "bench", "be_1",
                "completions", 12, 0, 10, 1, 1, 200, false, false, false, 1234, null));
    }
}
