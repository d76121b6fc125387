/**
 * Who may do what: accounts and roles, passwords, first-start accounts, web sessions, login
 * throttling and the access log. Deny by default; every endpoint names its roles.
 */
package io.triage.security;
