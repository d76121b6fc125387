/**
 * Pages for admins: accounts, roles, password resets and disabling.
 */
package io.triage.web.admin;
