/**
 * The {@code anthropic} backend kind: Anthropic's Messages API behind Tollgate's OpenAI surface. Requests are
 * rewritten as Messages requests, and answers (whole, streamed event by event, or errors) come back as the OpenAI
 * chat-completions wire format the relay expects, so nothing downstream knows which kind served them.
 */
package io.tollgate.gateway.backends.control.anthropic;
