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
    private static volatile Handles handles;

    /** The reflective handles, looked up once: the container's classes do not change while it runs. */
    private record Handles(Method unwrap, Method coyote, Method context, Method connection, Method add, Method remove,
                           Method enable, Object read, Class<?> listenerType, ClassLoader loader) {

        static Handles of(HttpServletRequest request) throws ReflectiveOperationException {
            Method unwrap = request.getClass().getMethod("getUnwrappedCoyoteRequest");
            Object catalina = unwrap.invoke(request);
            Method coyote = catalina.getClass().getMethod("getCoyoteRequest");
            Object grizzly = coyote.invoke(catalina);
            Method context = grizzly.getClass().getMethod("getContext");
            Object ctx = context.invoke(grizzly);
            Method connection = ctx.getClass().getMethod("getConnection");
            ClassLoader loader = connection.invoke(ctx).getClass().getClassLoader();
            Class<?> connectionType = Class.forName("org.glassfish.grizzly.Connection", false, loader);
            Class<?> listenerType = Class.forName("org.glassfish.grizzly.CloseListener", false, loader);
            Class<?> ioEventType = Class.forName("org.glassfish.grizzly.IOEvent", false, loader);
            return new Handles(unwrap, coyote, context, connection,
                    connectionType.getMethod("addCloseListener", listenerType),
                    connectionType.getMethod("removeCloseListener", listenerType),
                    connectionType.getMethod("enableIOEvent", ioEventType), ioEventType.getField("READ").get(null),
                    listenerType, loader);
        }

        Object connectionOf(HttpServletRequest request) throws ReflectiveOperationException {
            return connection.invoke(context.invoke(coyote.invoke(unwrap.invoke(request))));
        }
    }

    private ConnectionCloseWatch() {
    }

    /** Watches the request's connection; returns what stops watching (call it once the exchange is over). */
    static Runnable watch(HttpServletRequest request, Runnable onClose) {
        if (unavailable) {
            return () -> { };
        }
        try {
            Handles h = handles;
            if (h == null) {
                h = Handles.of(request);
                handles = h;
            }
            Object connection = h.connectionOf(request);
            Object listener = Proxy.newProxyInstance(h.loader(), new Class<?>[]{h.listenerType()}, (proxy, method, args) ->
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
            h.add().invoke(connection, listener);
            h.enable().invoke(connection, h.read());
            Handles used = h;
            return () -> {
                try {
                    used.remove().invoke(connection, listener);
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
