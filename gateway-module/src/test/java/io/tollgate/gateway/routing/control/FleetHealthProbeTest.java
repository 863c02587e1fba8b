package io.tollgate.gateway.routing.control;

import com.sun.net.httpserver.HttpServer;
import io.tollgate.gateway.backends.control.SharedTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The health probes against real HTTP servers: judged by the status line, never held up by a body. */
class FleetHealthProbeTest {

    private final FleetHealth health = new FleetHealth();
    private HttpServer server;
    private volatile int modelsStatus = 200;
    private volatile int engineStatus = 200;

    @BeforeEach
    void start() throws IOException {
        health.transport = new SharedTransport();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        // Like the bench's SSE server: every path answers with a stream that lasts far longer than a probe.
        server.createContext("/v1/models", e -> {
            e.getResponseHeaders().add("Content-Type", "text/event-stream");
            e.sendResponseHeaders(modelsStatus, 0);
            try (OutputStream out = e.getResponseBody()) {
                for (int i = 0; i < 300; i++) {
                    out.write("data: {}\n\n".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    Thread.sleep(100);
                }
            } catch (IOException | InterruptedException gone) {
                // the probe closed it
            }
        });
        server.createContext("/health", e -> {
            e.sendResponseHeaders(engineStatus, -1);
            e.close();
        });
        server.createContext("/metrics", e -> {
            byte[] body = "vllm:num_requests_waiting{model_name=\"m\"} 3.0\n".getBytes(StandardCharsets.UTF_8);
            e.sendResponseHeaders(200, body.length);
            e.getResponseBody().write(body);
            e.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        health.transport.close();
    }

    private String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    @Test
    void aCloudApiAnsweringItsModelsIsHealthyAtItsStatusLine() {
        long started = System.nanoTime();
        BackendHealth h = health.probeNow("b1", "openai", base(), "sk-x", false);

        assertTrue(h.healthy(), h.detail());
        assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(3),
                "judged at the status line, not after the 30 s body");
    }

    @Test
    void aCloudApiFailingItsModelsIsDown() {
        modelsStatus = 503;
        BackendHealth h = health.probeNow("b1", "openai", base(), "sk-x", false);

        assertFalse(h.healthy());
        assertEquals("/models answered 503", h.detail());
    }

    @Test
    void aSelfHostedEngineIsJudgedByItsHealthAndReportsItsQueue() {
        BackendHealth up = health.probeNow("b1", "openai", base(), null, true);
        assertTrue(up.healthy(), up.detail());
        assertEquals(3, up.waiting());

        engineStatus = 500;
        BackendHealth down = health.probeNow("b1", "openai", base(), null, true);
        assertFalse(down.healthy());
        assertEquals("/health answered 500", down.detail());
    }

    @Test
    void anUnreachableBackendIsDown() {
        BackendHealth h = health.probeNow("b1", "openai", "http://127.0.0.1:9/v1", null, false);

        assertFalse(h.healthy());
    }
}
