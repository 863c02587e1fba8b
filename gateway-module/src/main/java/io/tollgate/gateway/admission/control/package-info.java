/**
 * Where a 429 is decided: Admission builds a request's demands from its project's limits and reserves them through
 * AdmissionControl, whose leases hold exactly across replicas (LeaseStore in PostgreSQL), with the window arithmetic
 * (Window) pure and the refusal's OpenAI shape and headers in RateLimitHeaders.
 */
package io.tollgate.gateway.admission.control;
