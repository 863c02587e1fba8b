/**
 * OpenTelemetry traces of inference calls, on MicroProfile Telemetry (configured by {@code OTEL_*} / {@code otel.*},
 * off unless {@code otel.sdk.disabled=false}): a SERVER span per call, child of the caller's {@code traceparent}, and
 * a CLIENT span per upstream attempt whose context goes upstream, with the GenAI semantic conventions' attributes.
 */
package io.tollgate.gateway.tracing.control;
