package io.tollgate.it;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** A real Prometheus (the Debian package's binary) on loopback, scraping a Tollgate every second. */
final class PrometheusScrape implements AutoCloseable {

    private final Process process;
    private final int port;

    PrometheusScrape(String targetHostPort) throws IOException {
        port = ReplicaProcess.freePort();
        Path dir = Files.createTempDirectory("tollgate-prometheus");
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, """
                global:
                  scrape_interval: 1s
                scrape_configs:
                  - job_name: tollgate
                    metrics_path: /metrics
                    static_configs:
                      - targets: ['%s']
                """.formatted(targetHostPort));
        process = new ProcessBuilder("prometheus", "--config.file=" + config, "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port).redirectErrorStream(true)
                .redirectOutput(dir.resolve("prometheus.log").toFile()).start();
    }

    /** A PromQL instant query's JSON answer. */
    String query(String promql) throws IOException, InterruptedException {
        var response = TollgateClient.HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        return response.body();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor(10, TimeUnit.SECONDS);
    }
}
