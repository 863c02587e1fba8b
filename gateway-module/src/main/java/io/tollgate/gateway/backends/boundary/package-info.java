/**
 * The backends admin API and GPU types: the resources, the facades the portal shares with them, and the request
 * bodies they take.
 */
package io.tollgate.gateway.backends.boundary;
