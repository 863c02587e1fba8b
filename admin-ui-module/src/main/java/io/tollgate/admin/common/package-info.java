/**
 * What every page shares: formatting of money, counts and times, Lumo badges, and showing an admin-API error on the
 * form field it names (so the portal's messages are the API's own).
 */
package io.tollgate.admin.common;
