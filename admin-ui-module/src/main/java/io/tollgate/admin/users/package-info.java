/**
 * Portal users and their roles, for platform admins only: list, create, change role or linked project, reset a
 * password, delete. The rules and their messages are the gateway's ({@code AdminUserRules}); every change is audited.
 */
package io.tollgate.admin.users;
