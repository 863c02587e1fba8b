/**
 * The ledger's values shared by its boundary and control: a usage query (parsed from the Usage API's parameters)
 * and a rollup row.
 */
package io.tollgate.gateway.ledger.entity;
