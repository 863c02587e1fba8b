/**
 * GET /v1/models: the models a key may use, in OpenAI's list shape.
 */
package io.tollgate.gateway.models;
