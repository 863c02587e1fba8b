/**
 * Portal users: the facade the portal's sign-in and user views call, the roles and the rules a user's fields
 * follow, and the identity an SSO sign-in maps to.
 */
package io.tollgate.gateway.admins.boundary;
