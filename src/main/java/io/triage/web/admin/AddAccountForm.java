package io.triage.web.admin;

import io.triage.common.InputError;
import io.triage.security.Roles;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The "add an account" form as typed (never the password), with the message for each field to fix. */
public record AddAccountForm(String name, List<RoleOption> roles, Map<String, String> errors) {

    public record RoleOption(String value, String id, boolean checked) {
    }

    public static AddAccountForm empty() {
        return of(null, List.of(), List.of());
    }

    public static AddAccountForm of(String name, List<String> checkedRoles, List<InputError> inputErrors) {
        List<RoleOption> roles = Roles.ALL.stream()
                .map(r -> new RoleOption(r, "role-" + r, checkedRoles.contains(r))).toList();
        Map<String, String> errors = new LinkedHashMap<>();
        inputErrors.forEach(e -> errors.merge(e.field() == null ? "form" : e.field(), e.message(), (a, b) -> a + "; " + b));
        return new AddAccountForm(name, roles, errors);
    }

    public String nameError() {
        return errors.get("name");
    }

    public String rolesError() {
        return errors.get("roles");
    }

    public String passwordError() {
        return errors.get("password");
    }
}
