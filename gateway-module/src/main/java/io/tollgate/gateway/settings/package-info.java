/**
 * Configuration one way: every setting read once at start from MicroProfile Config into a typed record
 * ({@link io.tollgate.gateway.settings.TollgateSettings}) that beans inject.
 */
package io.tollgate.gateway.settings;
