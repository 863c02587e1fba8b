/**
 * OpenAI's Usage and Costs APIs and the CSV export, read from the ledger's rollups.
 */
package io.tollgate.gateway.ledger.boundary;
