/**
 * Models and routes: for each public model, the routing strategy and the deployments routing chooses from, with
 * their weight, quality, tier and live state (health, ejection, requests in flight, queue). Reads and changes go
 * through the gateway's {@code ModelRoutesFacade}.
 */
package io.tollgate.admin.models;
