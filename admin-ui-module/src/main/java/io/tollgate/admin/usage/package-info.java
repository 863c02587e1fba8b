/**
 * Usage per project over the last 24 hours or 7 days — requests, tokens and cost per bucket from the ledger's
 * rollups (the same query the Usage API runs), drawn as a server-side SVG bar chart: no chart library, no frontend
 * build.
 */
package io.tollgate.admin.usage;
