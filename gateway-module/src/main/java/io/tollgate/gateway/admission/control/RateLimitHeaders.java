package io.tollgate.gateway.admission.control;

import io.tollgate.gateway.platform.ApiError;
import io.tollgate.gateway.platform.Refusal;

import java.time.Duration;

/** OpenAI's ways of telling a client about its limits: the reset durations of its headers, and its 429 errors. */
public final class RateLimitHeaders {

    private RateLimitHeaders() {
    }

    /** A duration as OpenAI writes it in {@code x-ratelimit-reset-*}: {@code 20ms}, {@code 1.5s}, {@code 6m0s}. */
    public static String duration(Duration d) {
        long millis = Math.max(0, d.toMillis());
        if (millis < 1000) {
            return millis + "ms";
        }
        if (millis < 60_000) {
            // By hand, not String.format and a regex: this runs for every admitted request (JFR showed it).
            StringBuilder s = new StringBuilder(8).append(millis / 1000);
            int frac = (int) (millis % 1000);
            if (frac != 0) {
                s.append('.').append((char) ('0' + frac / 100));
                if (frac % 100 != 0) {
                    s.append((char) ('0' + frac / 10 % 10));
                    if (frac % 10 != 0) {
                        s.append((char) ('0' + frac % 10));
                    }
                }
            }
            return s.append('s').toString();
        }
        long seconds = millis / 1000;
        long hours = seconds / 3600;
        long minutes = seconds % 3600 / 60;
        return (hours > 0 ? hours + "h" : "") + minutes + "m" + seconds % 60 + "s";
    }

    /** The 429 for a demand that did not fit: {@code rate_limit_exceeded}, or {@code insufficient_quota}. */
    static ApiError error(Demand d, String model, Duration wait) {
        String retry = duration(wait);
        return switch (d.kind()) {
            case QUOTA -> Refusal.QUOTA.error("You exceeded your project's monthly token quota (" + d.limit()
                    + " tokens). It renews in " + retry + "; an administrator can raise it.");
            case SPEND -> Refusal.SPEND.error("You exceeded your project's monthly spend limit (USD "
                    + String.format("%.2f", d.limit() / 1e9) + "). It renews in " + retry
                    + "; an administrator can raise it.");
            case CONCURRENCY -> Refusal.CONCURRENCY.error("Too many concurrent requests for this project: limit "
                    + d.limit() + ". Please retry when one of them has finished.");
            case REQUESTS -> Refusal.REQUESTS.error("Rate limit reached for " + model + " on requests per "
                    + (d.window() == Window.DAY ? "day (RPD)" : "min (RPM)") + ": Limit " + d.limit()
                    + ". Please try again in " + retry + ".");
            case TOKENS -> Refusal.TOKENS.error("Rate limit reached for " + model + " on tokens per min (TPM): Limit "
                    + d.limit() + ", Requested " + d.amount() + ". Please try again in " + retry + ".");
        };
    }
}
