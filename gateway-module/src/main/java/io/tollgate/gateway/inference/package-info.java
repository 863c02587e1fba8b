/**
 * Inference requests, whatever API they come through: the surfaces (boundary) and the pipeline of named stages every
 * request passes (control). A new stage — a guardrail, a queue, tracing — is one class and one line in
 * InferencePipeline.
 */
package io.tollgate.gateway.inference;
