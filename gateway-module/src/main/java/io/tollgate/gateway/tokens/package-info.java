/**
 * Token counting (jtokkit, by model family) and usage as OpenAI reports it.
 */
package io.tollgate.gateway.tokens;
