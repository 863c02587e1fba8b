/**
 * Project rate limits, spend limit and settings through OpenAI's shapes, and the facade the portal shares with
 * them.
 */
package io.tollgate.gateway.limits.boundary;
