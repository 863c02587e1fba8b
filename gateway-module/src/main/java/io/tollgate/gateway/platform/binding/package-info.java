/**
 * Admin request and response bodies as records: JSON-B binds them (snake_case names, as OpenAI's objects have), a
 * shape check first names a field whose JSON type is wrong, Bean Validation checks their rules, and a violation
 * becomes an OpenAI-shaped 400 naming the field — for the admin API and the portal's forms alike.
 */
package io.tollgate.gateway.platform.binding;
