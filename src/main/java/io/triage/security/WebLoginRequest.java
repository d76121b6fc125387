package io.triage.security;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** The login form's name and password: checked, and on success a web session is opened. */
public final class WebLoginRequest extends BaseAuthenticationRequest {

    /** The {@link io.quarkus.security.identity.SecurityIdentity} attribute holding the new session's token, for the cookie. */
    public static final String SESSION_TOKEN = "triage.session-token";

    private final String name;
    private final String password;
    private final String previousToken;

    /** @param previousToken the session this browser held before, if any: a new login replaces it */
    public WebLoginRequest(String name, String password, String previousToken) {
        this.name = name;
        this.password = password;
        this.previousToken = previousToken;
    }

    String previousToken() {
        return previousToken;
    }

    String name() {
        return name;
    }

    String password() {
        return password;
    }
}
