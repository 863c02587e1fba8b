/**
 * Model routes and backend checks for the admin API and the portal.
 */
package io.tollgate.gateway.routing.boundary;
