/**
 * Who is calling: tenant and admin API keys, checked against the in-memory snapshot by digest, in constant time;
 * the JAX-RS filters that guard the REST resources.
 */
package io.tollgate.gateway.auth;
