/**
 * The backends page: every upstream the gateway can route to, with the models it serves. It reads through the
 * gateway's {@code BackendsFacade} only; the text shown in each cell is worked out in {@link BackendCells}.
 */
package io.tollgate.admin.backends;
