/**
 * Anthropic's Messages API ({@code POST /v1/messages}) in front of any backend. A Messages request is translated to
 * an OpenAI chat-completions request and goes through the same relay as the OpenAI surface; the relay's answer
 * (whole, streamed, or an error) is translated back into Anthropic's shapes, so Anthropic SDK clients can use Tollgate.
 */
package io.tollgate.gateway.messages;
