/**
 * The inference pipeline: one InferenceCall through named stages (authenticate, parse, route, admit, relay, finish)
 * in InferencePipeline; the surfaces (OpenAI endpoints, Anthropic's Messages) as parsers over it; one CallFinished
 * record to every listener when a call ends.
 */
package io.tollgate.gateway.inference.control;
