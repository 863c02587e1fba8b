package io.tollgate.runner;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Port checks on this machine. */
final class LocalPorts {

    private LocalPorts() {
    }

    /**
     * True when Payara could not listen on the port. Checked before starting because Payara Micro, on a clash,
     * logs "Failed to start, exiting" and then keeps its JVM alive, so a caller watching the process would hang.
     * Both tests are needed: binding catches listeners on any address, connecting catches a listener bound only
     * to loopback on a system that lets a wildcard bind coexist with it.
     */
    static boolean isInUse(int port) {
        return !canBind(port) || acceptsConnections(port);
    }

    /** A port nobody listens on right now, chosen by the kernel. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket.getLocalPort();
        }
    }

    private static boolean canBind(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean acceptsConnections(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
