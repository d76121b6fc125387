package io.triage.web;

import io.quarkus.security.identity.SecurityIdentity;
import io.triage.security.Roles;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;

/** The logged-in user as templates see it ({@code {inject:user.name}}): the navigation follows the roles. */
@Named("user")
@RequestScoped
public class CurrentUser {

    private final SecurityIdentity identity;

    CurrentUser(SecurityIdentity identity) {
        this.identity = identity;
    }

    public boolean loggedIn() {
        return !identity.isAnonymous();
    }

    public String name() {
        return identity.isAnonymous() ? "" : identity.getPrincipal().getName();
    }

    public boolean presales() {
        return identity.hasRole(Roles.PRESALES);
    }

    public boolean policyOwner() {
        return identity.hasRole(Roles.POLICY_OWNER);
    }

    public boolean auditor() {
        return identity.hasRole(Roles.AUDITOR);
    }

    public boolean admin() {
        return identity.hasRole(Roles.ADMIN);
    }
}
