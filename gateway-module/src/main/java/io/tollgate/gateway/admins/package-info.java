/**
 * Portal users and their sign-in: passwords kept as PBKDF2 hashes (Jakarta Security), checked by the facade the
 * portal calls.
 */
package io.tollgate.gateway.admins;
