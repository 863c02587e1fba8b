/**
 * The limits an admin sets on a project: OpenAI's per-model project rate limits, the monthly spend limit, and
 * Tollgate's own project-wide settings (requests and tokens per minute, monthly token quota, concurrency, the choice
 * for database outages). Admission ({@code io.tollgate.gateway.admission}) enforces them.
 */
package io.tollgate.gateway.limits;
