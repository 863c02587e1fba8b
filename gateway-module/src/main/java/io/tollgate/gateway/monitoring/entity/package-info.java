/** The dashboard's figures as values (per model, per backend, fleet health) and the alert thresholds they meet. */
package io.tollgate.gateway.monitoring.entity;
