/**
 * Anthropic's Messages API translated to chat completions on the way in and back on the way out (whole answers,
 * event streams, errors): the Anthropic dialect.
 */
package io.tollgate.gateway.messages.control;
