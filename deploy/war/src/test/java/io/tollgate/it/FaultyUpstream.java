package io.tollgate.it;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An OpenAI-compatible upstream on a raw socket, so it can fail the ways real servers do: die (connection reset)
 * before it answers or in the middle of a stream, accept and never answer, stream garbage, end a stream without
 * {@code [DONE]}, or push an endless stream as fast as the reader takes it. {@code /health}, {@code /metrics} and
 * {@code /v1/models} always answer, as a process that is up but broken would.
 */
final class FaultyUpstream implements AutoCloseable {

    enum Mode { NORMAL, DIE_BEFORE_ANSWER, DIE_MID_RESPONSE, HANG, GARBAGE_SSE, TRUNCATED_SSE, FIREHOSE }

    volatile Mode mode = Mode.NORMAL;
    final AtomicInteger completions = new AtomicInteger();
    /** Completions this upstream had begun answering when it died: the ones no gateway can move elsewhere. */
    final AtomicInteger diedMidResponse = new AtomicInteger();
    /** The most one firehose connection could push before its reader stopped taking (backpressure's bound). */
    final AtomicLong firehoseMaxBytes = new AtomicLong();
    final AtomicInteger firehoseOpen = new AtomicInteger();
    private final ServerSocket server;
    private final ExecutorService connections = Executors.newCachedThreadPool();

    FaultyUpstream() throws IOException {
        server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "faulty-upstream");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getLocalPort() + "/v1";
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                connections.submit(() -> serve(socket));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            String requestLine = line(in);
            if (requestLine == null) {
                return;
            }
            int length = 0;
            for (String header; (header = line(in)) != null && !header.isEmpty(); ) {
                if (header.regionMatches(true, 0, "content-length:", 0, 15)) {
                    length = Integer.parseInt(header.substring(15).strip());
                }
            }
            String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
            OutputStream out = socket.getOutputStream();
            String path = requestLine.split(" ")[1];
            if (!path.endsWith("/chat/completions")) {
                respond(out, "200 OK", "application/json", path.endsWith("/models")
                        ? "{\"object\":\"list\",\"data\":[]}" : "");
                return;
            }
            completions.incrementAndGet();
            complete(socket, out, body.contains("\"stream\":true"));
        } catch (IOException | RuntimeException gone) {
            // the gateway hung up, or this upstream "died": either way the connection is over
        }
    }

    private void complete(Socket socket, OutputStream out, boolean stream) throws IOException {
        Mode now = mode;
        switch (now) {
            case DIE_BEFORE_ANSWER -> reset(socket);
            case HANG -> sleep(600_000);
            case DIE_MID_RESPONSE -> {
                diedMidResponse.incrementAndGet();
                if (stream) {
                    head(out, "text/event-stream");
                    out.write((chunk("w0 ") + chunk("w1 ")).getBytes(StandardCharsets.UTF_8));
                } else {
                    out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 400\r\n\r\n"
                            + "{\"id\":\"c\",\"object\":\"chat.").getBytes(StandardCharsets.UTF_8));
                }
                out.flush();
                sleep(50);
                reset(socket);
            }
            case GARBAGE_SSE -> {
                head(out, "text/event-stream");
                out.write((chunk("fine ") + "data: {not json at all\n\ndata: \u0000\u0001\u0002\n\n"
                        + "data: [1,2,3]\n\ndata: {\"choices\":\"nope\"}\n\n").getBytes(StandardCharsets.UTF_8));
                out.write(new byte[]{(byte) 0xFF, (byte) 0xFE, 0, '\n', '\n'});
                out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
            }
            case TRUNCATED_SSE -> {
                head(out, "text/event-stream");
                out.write((chunk("half ") + "data: {\"id\":\"c\",\"object\":\"chat.completion.chu")
                        .getBytes(StandardCharsets.UTF_8));
            }
            case FIREHOSE -> {
                head(out, "text/event-stream");
                byte[] piece = chunk("x".repeat(4000)).getBytes(StandardCharsets.UTF_8);
                long written = 0;
                firehoseOpen.incrementAndGet();
                try {
                    while (true) {
                        out.write(piece);
                        written += piece.length;
                        long w = written;
                        firehoseMaxBytes.accumulateAndGet(w, Math::max);
                    }
                } finally {
                    firehoseOpen.decrementAndGet();
                }
            }
            default -> {
                if (stream) {
                    head(out, "text/event-stream");
                    StringBuilder events = new StringBuilder();
                    for (int i = 0; i < 5; i++) {
                        events.append(chunk("w" + i + " "));
                    }
                    events.append("data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
                            + "\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":5,\"total_tokens\":10}}"
                            + "\n\ndata: [DONE]\n\n");
                    out.write(events.toString().getBytes(StandardCharsets.UTF_8));
                } else {
                    respond(out, "200 OK", "application/json", "{\"id\":\"c\",\"object\":\"chat.completion\","
                            + "\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
                            + "\"content\":\"faulty but fine\"},\"finish_reason\":\"stop\"}],"
                            + "\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":3,\"total_tokens\":8}}");
                }
            }
        }
        out.flush();
    }

    private static String chunk(String text) {
        return "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":"
                + "[{\"index\":0,\"delta\":{\"content\":\"" + text + "\"},\"finish_reason\":null}]}\n\n";
    }

    /** A streamed answer without a length: it ends when the connection closes, as many servers stream. */
    private static void head(OutputStream out, String type) throws IOException {
        out.write(("HTTP/1.1 200 OK\r\nContent-Type: " + type + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
    }

    private static void respond(OutputStream out, String status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        out.write(("HTTP/1.1 " + status + "\r\nContent-Type: " + type + "\r\nContent-Length: " + bytes.length
                + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.write(bytes);
        out.flush();
    }

    /** Dies as a killed process's connections do: a reset, not a clean close. */
    private static void reset(Socket socket) throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c; (c = in.read()) != -1; ) {
            if (c == '\n') {
                return line.toString().strip();
            }
            line.append((char) c);
        }
        return line.isEmpty() ? null : line.toString();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        connections.shutdownNow();
    }
}
