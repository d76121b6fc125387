package io.triage.config;

import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * Triage will not start, for a reason the operator can fix: one line that says what is wrong and
 * what to do. Quarkus prints only the message of a configuration problem that stops startup (no
 * stack trace), so this is one, and it carries no cause: the line is the whole story.
 */
public class StartupRefusal extends ConfigurationException {

    public StartupRefusal(String whatToDo) {
        super("Triage cannot start: " + whatToDo);
    }
}
