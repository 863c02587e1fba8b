/**
 * Project API keys, kept as digests.
 */
package io.tollgate.persistence.keys;
