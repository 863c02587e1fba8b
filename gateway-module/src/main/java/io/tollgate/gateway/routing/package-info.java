/**
 * Choosing a backend for a request among the deployments of its model.
 */
package io.tollgate.gateway.routing;
