/**
 * Server-sent events split out of arbitrary byte pieces.
 */
package io.tollgate.gateway.sse;
