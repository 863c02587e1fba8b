/**
 * What a portal role may see and change.
 */
package io.tollgate.gateway.admins.control;
