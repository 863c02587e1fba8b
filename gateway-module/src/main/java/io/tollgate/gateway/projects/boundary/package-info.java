/**
 * OpenAI's projects, service accounts and project keys API, and the facade the portal shares with it.
 */
package io.tollgate.gateway.projects.boundary;
