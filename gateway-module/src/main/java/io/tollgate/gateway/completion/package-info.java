/**
 * The OpenAI inference surface and its relay: validation, the async servlet, non-blocking client writes with
 * backpressure, response shaping (model names, usage), timeouts, fail-over and client dialects.
 */
package io.tollgate.gateway.completion;
