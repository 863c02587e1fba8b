/**
 * What every feature shares: OpenAI-shaped errors and their mapper, strict request bodies, request ids, secrets
 * and key digests, credential encryption, the JSON-P provider and the JAX-RS application.
 */
package io.tollgate.gateway.platform;
