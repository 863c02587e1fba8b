/**
 * What requests cost: usage as reported or counted, turned into metrics now and into the ledger later.
 */
package io.tollgate.gateway.usage;
