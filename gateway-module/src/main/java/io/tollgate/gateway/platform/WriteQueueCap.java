package io.tollgate.gateway.platform;

import jakarta.servlet.ServletResponse;
import jakarta.servlet.ServletResponseWrapper;

import java.lang.reflect.Field;
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
            Object catalina = field(r, "response");
            Object grizzly = catalina.getClass().getMethod("getCoyoteResponse").invoke(catalina);
            Object request = grizzly.getClass().getMethod("getRequest").invoke(grizzly);
            Object context = request.getClass().getMethod("getContext").invoke(request);
            Object connection = context.getClass().getMethod("getConnection").invoke(context);
            Class<?> api = Class.forName("org.glassfish.grizzly.Connection", false,
                    connection.getClass().getClassLoader());
            int current = (int) api.getMethod("getMaxAsyncWriteQueueSize").invoke(connection);
            if (current < 0 || current > BYTES) {
                api.getMethod("setMaxAsyncWriteQueueSize", int.class).invoke(connection, BYTES);
            }
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            if (WARNED.compareAndSet(false, true)) {
                LOG.log(Level.WARNING, "Cannot cap the container's write queue (not Payara's Grizzly?): a client that "
                        + "reads nothing may hold more memory. " + e);
            }
        }
    }

    private static Object field(Object owner, String name) throws ReflectiveOperationException {
        for (Class<?> c = owner.getClass(); c != null; c = c.getSuperclass()) {
            try {
                Field f = c.getDeclaredField(name);
                f.setAccessible(true);
                return f.get(owner);
            } catch (NoSuchFieldException notHere) {
                // look in the superclass
            }
        }
        throw new NoSuchFieldException(name);
    }
}
