/**
 * The usage ledger: one event per request, handed to an asynchronous batched writer (the request path never waits
 * for it), spilled to a local append-only file while PostgreSQL is away and replayed in order when it is back, read
 * through OpenAI's Usage and Costs APIs from hourly and daily rollups.
 */
package io.tollgate.gateway.ledger;
