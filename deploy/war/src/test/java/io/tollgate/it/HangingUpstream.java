package io.tollgate.it;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CountDownLatch;

/**
 * An upstream that takes a request and never answers, watching its socket: when Tollgate gives up on the exchange
 * and closes the connection, the read returns and {@link #cancelled} counts down. Plain sockets, because an HTTP
 * server library would not show the peer hanging up on a request it has not answered yet.
 */
final class HangingUpstream implements AutoCloseable {

    final CountDownLatch received = new CountDownLatch(1);
    final CountDownLatch cancelled = new CountDownLatch(1);
    private final ServerSocket server;

    HangingUpstream() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(this::serve, "hanging-upstream");
        accept.setDaemon(true);
        accept.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getLocalPort() + "/v1";
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                socket.setSoTimeout(30_000);
                InputStream in = socket.getInputStream();
                readRequest(in);
                received.countDown();
                if (in.read() < 0) {
                    cancelled.countDown();
                }
            } catch (IOException e) {
                if (!server.isClosed() && received.getCount() == 0) {
                    cancelled.countDown(); // a reset is a hang-up too
                }
            }
        }
    }

    private static void readRequest(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed before the request ended");
            }
            head.append((char) b);
        }
        int length = 0;
        for (String line : head.toString().split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        if (in.readNBytes(length).length < length) {
            throw new IOException("short body");
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
