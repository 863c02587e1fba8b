/**
 * Signing in to the portal and keeping everyone else out: the login page, the signed-in admin held in the Vaadin
 * session, and the one access guard that checks every navigation. Views never check access themselves.
 */
package io.tollgate.admin.login;
