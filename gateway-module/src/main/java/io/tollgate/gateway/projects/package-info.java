/**
 * Tenants as OpenAI projects: the projects, service accounts and project API keys of OpenAI's Administration API.
 */
package io.tollgate.gateway.projects;
