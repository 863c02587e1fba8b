/**
 * Backends, their prices, GPU types, model routes and policies.
 */
package io.tollgate.persistence.backends;
