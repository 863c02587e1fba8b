/**
 * GET /v1/models in OpenAI's list shape.
 */
package io.tollgate.gateway.models.boundary;
