/**
 * Service accounts (the owners of project keys).
 */
package io.tollgate.persistence.serviceaccounts;
