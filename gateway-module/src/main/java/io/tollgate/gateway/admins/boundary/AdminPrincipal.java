package io.tollgate.gateway.admins.boundary;

/** Who is signed in to the portal: an admin user and its role. */
public record AdminPrincipal(String id, String username, String role) {
}
