package io.triage.common;

import java.util.List;

/** Input was rejected; carries every error found, not just the first. Nothing was changed. */
public class InvalidInputException extends RuntimeException {

    private final String title;
    private final transient List<InputError> errors;

    public InvalidInputException(String title, List<InputError> errors) {
        super(title + ": " + errors.stream().map(InputError::describe).toList());
        this.title = title;
        this.errors = List.copyOf(errors);
    }

    public String title() {
        return title;
    }

    public List<InputError> errors() {
        return errors;
    }
}
