/**
 * Projects, their settings and their per-model rate limits.
 */
package io.tollgate.persistence.projects;
