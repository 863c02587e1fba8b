/**
 * Portal users and admin API keys.
 */
package io.tollgate.persistence.admins;
