/**
 * POST /v1/messages: Anthropic's Messages API as a surface of the inference pipeline.
 */
package io.tollgate.gateway.messages.boundary;
