package io.triage.security;

import java.util.List;

/**
 * The four roles. Each gets only what its job needs: presales submit and read their own
 * decisions, policy owners manage rule sets, auditors read and verify everything, admins manage
 * accounts. No role implies another.
 */
public final class Roles {

    public static final String PRESALES = "presales";
    public static final String POLICY_OWNER = "policy-owner";
    public static final String AUDITOR = "auditor";
    public static final String ADMIN = "admin";

    public static final List<String> ALL = List.of(PRESALES, POLICY_OWNER, AUDITOR, ADMIN);

    private Roles() {
    }
}
