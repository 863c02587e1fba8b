/**
 * The frame around every signed-in page: header with the signed-in admin and logout, drawer with the navigation.
 * A new page becomes reachable by adding its entry to the navigation here.
 */
package io.tollgate.admin.layout;
