/**
 * GPU cost settings: the GPU catalogue's monthly costs, and each backend's cost per 1M tokens — self-hosted ones
 * from their GPUs, cloud ones from their price — side by side. Through {@code GpuTypesFacade} and
 * {@code BackendsFacade}.
 */
package io.tollgate.admin.gpu;
