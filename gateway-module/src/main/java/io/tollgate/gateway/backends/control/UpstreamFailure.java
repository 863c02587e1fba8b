package io.tollgate.gateway.backends.control;

import java.net.SocketTimeoutException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

/**
 * Why an exchange ended before its upstream answered, decided by the transport that saw it happen (from the
 * exception's type and whether the request ever left), never from an exception's message.
 */
public enum UpstreamFailure {
    /** The connection was refused or never made: nothing reached the upstream, so a resend is safe. */
    REFUSED,
    /** No connection within the backend's connect timeout: the wait has been spent already. */
    CONNECT_TIMEOUT,
    /** The request went out, but no status line came within the backend's first-byte timeout. */
    FIRST_BYTE_TIMEOUT,
    /** The request went out and the exchange broke (reset, a stale pooled connection) before any answer. */
    BROKEN;

    /** Carries the kind out of the transport, through the exchange's future. */
    public static final class Unanswered extends java.io.IOException {
        private final UpstreamFailure kind;

        public Unanswered(UpstreamFailure kind, Throwable cause) {
            super(kind + ": " + cause, cause);
            this.kind = kind;
        }

        public UpstreamFailure kind() {
            return kind;
        }
    }

    /**
     * The kind of a failed exchange's failure: as the transport classified it, else (a backend client that does not)
     * by the exception's type alone.
     *
     * @param requestSent whether any of the request reached the wire (unknown: true, the safe assumption)
     */
    public static UpstreamFailure of(Throwable failure, boolean requestSent) {
        Throwable t = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause()
                : failure;
        if (t instanceof Unanswered u) {
            return u.kind();
        }
        if (t instanceof TimeoutException) {
            return FIRST_BYTE_TIMEOUT;
        }
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof SocketTimeoutException) {
                return CONNECT_TIMEOUT;
            }
        }
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof java.net.ConnectException) {
                return REFUSED;
            }
        }
        return requestSent ? BROKEN : REFUSED;
    }

    public static UpstreamFailure of(Throwable failure) {
        return of(failure, true);
    }

    /**
     * A failed exchange or probe in an operator's words ("connection refused", "timed out after 5 s"), never an
     * exception's class name; for health details and the portal's connection test.
     */
    public static String inWords(Throwable failure, java.time.Duration timeout) {
        for (Throwable c = failure; c != null; c = c.getCause() == c ? null : c.getCause()) {
            switch (c) {
                case TimeoutException t -> {
                    return "timed out after " + Math.max(1, timeout.toSeconds()) + " s";
                }
                case SocketTimeoutException t -> {
                    return "could not connect within " + Math.max(1, timeout.toSeconds()) + " s";
                }
                case java.net.ConnectException e -> {
                    return "connection refused";
                }
                case java.net.UnknownHostException e -> {
                    return "unknown host";
                }
                case java.nio.channels.UnresolvedAddressException e -> {
                    return "unknown host";
                }
                case javax.net.ssl.SSLException e -> {
                    return "TLS handshake failed";
                }
                case java.io.EOFException e -> {
                    return "connection closed by the backend";
                }
                case java.nio.channels.ClosedChannelException e -> {
                    return "connection closed by the backend";
                }
                default -> {
                }
            }
        }
        return failure instanceof java.io.IOException || failure.getCause() instanceof java.io.IOException
                ? "connection failed" : "no answer";
    }

    public boolean timedOut() {
        return this == CONNECT_TIMEOUT || this == FIRST_BYTE_TIMEOUT;
    }
}
