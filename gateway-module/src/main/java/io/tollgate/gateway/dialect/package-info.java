/**
 * The API a client speaks, as the relay sees it: how its errors and its (already shaped) answers are written
 * (ClientDialect), one body transform at a time (BodyTransform).
 */
package io.tollgate.gateway.dialect;
