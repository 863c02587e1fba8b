package io.tollgate.runner;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalPortsTest {

    @Test
    void portWithAListenerOnAllAddressesIsInUse() throws IOException {
        try (ServerSocket listener = new ServerSocket(0)) {
            assertTrue(LocalPorts.isInUse(listener.getLocalPort()));
        }
    }

    @Test
    void portWithAListenerOnLoopbackOnlyIsInUse() throws IOException {
        try (ServerSocket listener = new ServerSocket()) {
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            assertTrue(LocalPorts.isInUse(listener.getLocalPort()));
        }
    }

    @Test
    void portIsFreeAgainOnceItsListenerClosed() throws IOException {
        int port;
        try (ServerSocket listener = new ServerSocket(0)) {
            port = listener.getLocalPort();
        }
        assertFalse(LocalPorts.isInUse(port));
    }

    @Test
    void freePortIsNotInUse() throws IOException {
        assertFalse(LocalPorts.isInUse(LocalPorts.freePort()));
    }
}
