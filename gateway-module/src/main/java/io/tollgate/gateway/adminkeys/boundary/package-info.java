/**
 * The admin API keys resource and the facade the portal shares with it.
 */
package io.tollgate.gateway.adminkeys.boundary;
