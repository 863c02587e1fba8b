package io.tollgate.gateway.completion.control;

import jakarta.servlet.http.HttpServletRequest;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Tells when the client's connection closes while Tollgate is still waiting for the upstream's answer. The servlet
 * API reports a hang-up only on a failed write, and a non-streamed request writes nothing until the upstream
 * answers — minutes, for a long generation, of GPU work for nobody. Payara's web container runs on Grizzly, which
 * stops reading a connection while its request is being served; this asks it to read again (so a closed
 * connection is seen) and to say when the connection closes. It reaches Grizzly by reflection (its classes are not
 * on the application's compile path) and does nothing on another container: the write-failure path and the
 * backend's timeouts remain.
 */
final class ConnectionCloseWatch {

    private static final Logger LOG = Logger.getLogger(ConnectionCloseWatch.class.getName());
    private static volatile boolean unavailable;

    private ConnectionCloseWatch() {
    }

    /** Watches the request's connection; returns what stops watching (call it once the exchange is over). */
    static Runnable watch(HttpServletRequest request, Runnable onClose) {
        if (unavailable) {
            return () -> { };
        }
        try {
            Object catalina = request.getClass().getMethod("getUnwrappedCoyoteRequest").invoke(request);
            Object grizzly = catalina.getClass().getMethod("getCoyoteRequest").invoke(catalina);
            Object context = grizzly.getClass().getMethod("getContext").invoke(grizzly);
            Object connection = context.getClass().getMethod("getConnection").invoke(context);
            ClassLoader loader = connection.getClass().getClassLoader();
            Class<?> connectionType = Class.forName("org.glassfish.grizzly.Connection", false, loader);
            Class<?> listenerType = Class.forName("org.glassfish.grizzly.CloseListener", false, loader);
            Class<?> ioEventType = Class.forName("org.glassfish.grizzly.IOEvent", false, loader);
            Object listener = Proxy.newProxyInstance(loader, new Class<?>[]{listenerType}, (proxy, method, args) ->
                    switch (method.getName()) {
                        case "onClosed" -> {
                            onClose.run();
                            yield null;
                        }
                        case "equals" -> proxy == args[0];
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "toString" -> "tollgate-close-watch";
                        default -> null;
                    });
            Method add = connectionType.getMethod("addCloseListener", listenerType);
            Method remove = connectionType.getMethod("removeCloseListener", listenerType);
            add.invoke(connection, listener);
            Object read = ioEventType.getField("READ").get(null);
            connectionType.getMethod("enableIOEvent", ioEventType).invoke(connection, read);
            return () -> {
                try {
                    remove.invoke(connection, listener);
                } catch (ReflectiveOperationException | RuntimeException ignored) {
                    // the connection is gone already
                }
            };
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            unavailable = true;
            LOG.log(Level.INFO, "Client hang-ups before the first byte cannot be watched on this container ({0}); "
                    + "the backend's timeouts bound such exchanges", e.toString());
            return () -> { };
        }
    }
}
