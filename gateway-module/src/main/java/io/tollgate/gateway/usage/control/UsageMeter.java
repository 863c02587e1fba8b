package io.tollgate.gateway.usage.control;

import io.tollgate.gateway.completion.control.CompletionFinished;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * Counts what every request cost, as the seed article's metrics name it: {@code llm_requests_total{model,status}}
 * and {@code llm_tokens_total{type}} (input/output), in Prometheus text at /metrics. Labels stay bounded: models
 * are the configured ones, statuses a handful, no key or project ids.
 */
@ApplicationScoped
public class UsageMeter {

    @Inject
    @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
    MetricRegistry registry;

    public void record(CompletionFinished finished) {
        registry.counter("llm_requests", new Tag("model", finished.model()),
                new Tag("status", Integer.toString(finished.status()))).inc();
        if (finished.usage() != null) {
            registry.counter("llm_tokens", new Tag("type", "input")).inc(finished.usage().promptTokens());
            registry.counter("llm_tokens", new Tag("type", "output")).inc(finished.usage().completionTokens());
        }
    }
}
