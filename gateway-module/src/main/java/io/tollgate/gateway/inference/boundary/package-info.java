/**
 * The inference surfaces over HTTP: OpenAI's async servlet, the reception every surface shares (key checked on the
 * headers, body read without a thread) and the servlet container's end of the relay.
 */
package io.tollgate.gateway.inference.boundary;
