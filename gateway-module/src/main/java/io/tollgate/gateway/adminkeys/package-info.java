/**
 * Keys for the admin API itself (/v1/organization/admin_api_keys).
 */
package io.tollgate.gateway.adminkeys;
