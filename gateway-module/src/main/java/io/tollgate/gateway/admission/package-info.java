/**
 * Admission: the limits a request must fit before it goes upstream (requests and tokens per minute and day,
 * concurrency, a monthly token quota, a spend limit), reserved before the call and settled on the real usage after.
 * Limits are exact across replicas because each replica admits only from leases it took from PostgreSQL's shared
 * counters; leases are taken ahead of need, so the request path does not wait for the database at steady state.
 */
package io.tollgate.gateway.admission;
