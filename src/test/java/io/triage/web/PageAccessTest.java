package io.triage.web;

import io.quarkus.security.Authenticated;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.triage.security.Roles;
import io.triage.testing.PageSession;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every page, found by reading the page classes themselves (a new page is checked without
 * anyone adding a row): anonymous visitors go to the login page, each role gets the pages its
 * annotation names and a "not allowed" page for the rest.
 */
@QuarkusTest
class PageAccessTest {

    record Endpoint(String method, String path, Set<String> roles, boolean anyone) {
    }

    @Test
    void everyPageAdmitsExactlyTheRolesItNames() throws Exception {
        List<Endpoint> endpoints = pageEndpoints();
        assertThat(endpoints).extracting(Endpoint::path).contains("/triage", "/login", "/logout");
        Map<String, PageSession> sessions = new HashMap<>();
        for (String role : Roles.ALL) {
            sessions.put(role, PageSession.as(role));
        }
        List<String> wrong = new ArrayList<>();
        // logging out ends every session of the account, so it comes last
        endpoints.sort(java.util.Comparator.comparing(e -> e.path().equals("/logout")));
        for (Endpoint e : endpoints) {
            Response anonymous = e.method().equals("GET") ? RestAssured.given().redirects().follow(false).get(e.path())
                    : RestAssured.given().redirects().follow(false).contentType("application/x-www-form-urlencoded").post(e.path());
            boolean sentToLogin = anonymous.statusCode() == 302 && anonymous.header("Location").endsWith("/login");
            if (e.anyone() == sentToLogin) {
                wrong.add(e + " anonymous: " + anonymous.statusCode() + " " + anonymous.header("Location"));
            }
            if (e.anyone()) {
                continue;
            }
            for (String role : Roles.ALL) {
                PageSession session = sessions.get(role);
                Response r = e.method().equals("GET") ? session.get(e.path()) : session.post(e.path());
                boolean allowed = e.roles().contains(role);
                if (allowed ? (r.statusCode() == 403 || r.statusCode() == 401 || isLoginRedirect(r)) : r.statusCode() != 403) {
                    wrong.add(e + " as " + role + ": " + r.statusCode());
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    private static boolean isLoginRedirect(Response r) {
        return r.statusCode() == 302 && r.header("Location") != null && r.header("Location").contains("/login");
    }

    /** GET and POST methods of every class under io.triage.web, with the roles their annotations name. */
    static List<Endpoint> pageEndpoints() throws IOException, ClassNotFoundException {
        java.nio.file.Path root = java.nio.file.Path.of("target/classes");
        List<Endpoint> endpoints = new ArrayList<>();
        try (Stream<java.nio.file.Path> files = Files.walk(root.resolve("io/triage/web"))) {
            for (java.nio.file.Path f : files.filter(p -> p.toString().endsWith(".class") && !p.toString().contains("$")).toList()) {
                String name = root.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> type = Class.forName(name, false, PageAccessTest.class.getClassLoader());
                Path classPath = type.getAnnotation(Path.class);
                if (classPath == null) {
                    continue;
                }
                for (Method m : type.getDeclaredMethods()) {
                    String verb = m.isAnnotationPresent(GET.class) ? "GET" : m.isAnnotationPresent(POST.class) ? "POST" : null;
                    if (verb == null) {
                        continue;
                    }
                    Path methodPath = m.getAnnotation(Path.class);
                    String path = ("/" + classPath.value() + "/" + (methodPath == null ? "" : methodPath.value()))
                            .replaceAll("/+", "/").replaceAll("(.)/$", "$1")
                            .replace("{version}", "sha256:" + "0".repeat(64))
                            .replaceAll("\\{[^}]+}", "no-such-thing");
                    endpoints.add(new Endpoint(verb, path, roles(type, m), m.isAnnotationPresent(PermitAll.class)));
                }
            }
        }
        return endpoints;
    }

    private static Set<String> roles(Class<?> type, Method m) {
        if (m.isAnnotationPresent(RolesAllowed.class)) {
            return Set.of(m.getAnnotation(RolesAllowed.class).value());
        }
        if (m.isAnnotationPresent(Authenticated.class)) {
            return Set.copyOf(Roles.ALL);
        }
        if (type.isAnnotationPresent(RolesAllowed.class)) {
            return Set.of(type.getAnnotation(RolesAllowed.class).value());
        }
        if (type.isAnnotationPresent(Authenticated.class)) {
            return Set.copyOf(Roles.ALL);
        }
        if (m.isAnnotationPresent(PermitAll.class)) {
            return Set.of();
        }
        throw new AssertionError(type.getSimpleName() + "." + m.getName() + " names no roles");
    }
}
