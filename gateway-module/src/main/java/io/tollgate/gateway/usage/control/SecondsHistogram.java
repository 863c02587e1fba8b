package io.tollgate.gateway.usage.control;

import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * A Prometheus histogram in seconds with explicit buckets, one series per label value ({@code model}, {@code backend}).
 * Tollgate keeps its own because Payara's MicroProfile Metrics exports histograms and timers under {@code _seconds}
 * while their buckets and sums stay in the recorded unit (milliseconds or nanoseconds), which would make
 * {@code histogram_quantile} wrong by a factor of a thousand or more. Exported through the registry as the
 * {@code _bucket{le}}, {@code _sum} and {@code _count} series PromQL expects (typed as gauges; the values are
 * cumulative counts, so {@code rate} and {@code histogram_quantile} work as on any histogram).
 */
public final class SecondsHistogram {

    private final String name;
    private final String label;
    private final double[] bounds;
    private final MetricRegistry registry;
    private final Map<String, Series> series = new ConcurrentHashMap<>();

    public SecondsHistogram(MetricRegistry registry, String name, String label, double... bounds) {
        this.registry = registry;
        this.name = name;
        this.label = label;
        this.bounds = bounds.clone();
    }

    private static final class Series {
        final LongAdder[] buckets;
        final DoubleAdder sum = new DoubleAdder();
        final LongAdder count = new LongAdder();

        Series(int n) {
            buckets = new LongAdder[n];
            for (int i = 0; i < n; i++) {
                buckets[i] = new LongAdder();
            }
        }
    }

    public void observe(String labelValue, double seconds) {
        Series s = series.computeIfAbsent(labelValue, this::register);
        for (int i = 0; i < bounds.length; i++) {
            if (seconds <= bounds[i]) {
                s.buckets[i].increment();
            }
        }
        s.sum.add(seconds);
        s.count.increment();
    }

    /** The first observation of a label value registers its series (labels stay bounded: configured names). */
    private Series register(String labelValue) {
        Series s = new Series(bounds.length);
        Tag tag = new Tag(label, labelValue);
        for (int i = 0; i < bounds.length; i++) {
            LongAdder bucket = s.buckets[i];
            registry.gauge(name + "_bucket", bucket, LongAdder::sum, tag, new Tag("le", le(bounds[i])));
        }
        registry.gauge(name + "_bucket", s.count, LongAdder::sum, tag, new Tag("le", "+Inf"));
        registry.gauge(name + "_sum", s.sum, DoubleAdder::sum, tag);
        registry.gauge(name + "_count", s.count, LongAdder::sum, tag);
        return s;
    }

    static String le(double bound) {
        String text = String.format(Locale.ROOT, "%s", bound);
        return text.endsWith(".0") ? text.substring(0, text.length() - 2) + ".0" : text;
    }
}
