package io.triage.security;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** A web session cookie's token, to be looked up in {@link WebSessions}. */
public final class WebSessionRequest extends BaseAuthenticationRequest {

    private final String token;

    public WebSessionRequest(String token) {
        this.token = token;
    }

    String token() {
        return token;
    }
}
