/**
 * The upstreams Tollgate routes to and how it talks to each kind: OpenAI-compatible HTTP, Anthropic's Messages API
 * and the built-in simulator; their admin API and facade; the shared HTTP client and timers.
 */
package io.tollgate.gateway.backends;
