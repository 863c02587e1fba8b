/**
 * Tenant and admin keys checked against the in-memory snapshot by digest, in constant time, and the JAX-RS name
 * bindings that guard the REST resources.
 */
package io.tollgate.gateway.auth.control;
