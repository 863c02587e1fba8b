package io.tollgate.gateway.platform;

import jakarta.servlet.ServletResponse;
import jakarta.servlet.ServletResponseWrapper;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Caps how much a response may queue in the container for a client that does not read. Payara's Grizzly reports
 * a non-blocking response "ready" until its connection's write queue holds megabytes (FaultsIT measured ~25 MB per
 * stalled stream: 16 clients reading nothing took a 512 MB heap to OutOfMemoryError). With the cap, isReady() turns
 * false after {@link #BYTES}, the relay stops asking the upstream for more, and the backlog stays in the kernel's
 * socket buffers and upstream. Grizzly has no public handle for this from a servlet: it is reached by reflection, and
 * on any other container it does nothing.
 */
public final class WriteQueueCap {

    public static final int BYTES = 256 * 1024;
    private static final Logger LOG = Logger.getLogger(WriteQueueCap.class.getName());
    private static final AtomicBoolean WARNED = new AtomicBoolean();

    private WriteQueueCap() {
    }

    public static void apply(ServletResponse response) {
        try {
            Object r = response;
            while (r instanceof ServletResponseWrapper wrapper) {
                r = wrapper.getResponse();
            }
            Path path = PATH.get();
            if (path == null) {
                path = Path.find(r);
                PATH.set(path);
            }
            Object connection = path.connection(r);
            int current = (int) path.getMax().invoke(connection);
            if (current < 0 || current > BYTES) {
                path.setMax().invoke(connection, BYTES);
            }
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            if (WARNED.compareAndSet(false, true)) {
                LOG.log(Level.WARNING, "Cannot cap the container's write queue (not Payara's Grizzly?): a client that "
                        + "reads nothing may hold more memory. " + e);
            }
        }
    }

    /** The reflective way from a response to its Grizzly connection, looked up once: it is the same every time. */
    private static final java.util.concurrent.atomic.AtomicReference<Path> PATH =
            new java.util.concurrent.atomic.AtomicReference<>();

    private record Path(Field response, Method coyoteResponse, Method request, Method context, Method connection,
                        Method getMax, Method setMax) {

        static Path find(Object servletResponse) throws ReflectiveOperationException {
            Field response = field(servletResponse.getClass(), "response");
            Object catalina = response.get(servletResponse);
            Method coyote = catalina.getClass().getMethod("getCoyoteResponse");
            Object grizzly = coyote.invoke(catalina);
            Method request = grizzly.getClass().getMethod("getRequest");
            Object req = request.invoke(grizzly);
            Method context = req.getClass().getMethod("getContext");
            Object ctx = context.invoke(req);
            Method connection = ctx.getClass().getMethod("getConnection");
            Object conn = connection.invoke(ctx);
            Class<?> api = Class.forName("org.glassfish.grizzly.Connection", false, conn.getClass().getClassLoader());
            return new Path(response, coyote, request, context, connection, api.getMethod("getMaxAsyncWriteQueueSize"),
                    api.getMethod("setMaxAsyncWriteQueueSize", int.class));
        }

        Object connection(Object servletResponse) throws ReflectiveOperationException {
            Object grizzly = coyoteResponse.invoke(response.get(servletResponse));
            return connection.invoke(context.invoke(request.invoke(grizzly)));
        }
    }

    private static Field field(Class<?> type, String name) throws ReflectiveOperationException {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
                Field f = c.getDeclaredField(name);
                f.setAccessible(true);
                return f;
            } catch (NoSuchFieldException notHere) {
                // look in the superclass
            }
        }
        throw new NoSuchFieldException(name);
    }
}
