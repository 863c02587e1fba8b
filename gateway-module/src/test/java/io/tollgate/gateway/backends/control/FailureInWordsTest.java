package io.tollgate.gateway.backends.control;

import org.junit.jupiter.api.Test;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** What an operator reads about a failed probe or exchange: words, never a Java class name. */
class FailureInWordsTest {

    private static final Duration FIVE = Duration.ofSeconds(5);

    @Test
    void eachKindOfFailureReadsAsWhatHappened() {
        assertEquals("connection refused", UpstreamFailure.inWords(new ConnectException("Connection refused"), FIVE));
        assertEquals("timed out after 5 s", UpstreamFailure.inWords(new TimeoutException(), FIVE));
        assertEquals("could not connect within 5 s",
                UpstreamFailure.inWords(new SocketTimeoutException("Connect Timeout"), FIVE));
        assertEquals("unknown host", UpstreamFailure.inWords(new UnknownHostException("nowhere.invalid"), FIVE));
        assertEquals("TLS handshake failed", UpstreamFailure.inWords(new javax.net.ssl.SSLHandshakeException("x"), FIVE));
        assertEquals("connection closed by the backend", UpstreamFailure.inWords(new EOFException(), FIVE));
        assertEquals("connection failed", UpstreamFailure.inWords(new IOException("odd"), FIVE));
        assertEquals("no answer", UpstreamFailure.inWords(new IllegalStateException("odd"), FIVE));
    }

    @Test
    void aWrappedFailureIsDescribedByItsCause() {
        var wrapped = new CompletionException(new IOException("x", new ConnectException("refused")));
        assertEquals("connection refused", UpstreamFailure.inWords(wrapped, FIVE));
        assertFalse(UpstreamFailure.inWords(wrapped, FIVE).contains("Exception"));
    }
}
