package io.triage.questionnaire;

import java.util.List;

/**
 * How a question of some kind is drawn in a form: the template fragment
 * ({@code templates/questions/<fragment>.html}) and the data it needs. A field with options is
 * drawn as a list to pick from where a page has no fragment of its own (the try page).
 *
 * @param fragment  the template fragment of the presales form
 * @param options   the values to pick from, in order; empty for a typed field
 * @param inputType the HTML input type of a typed field ({@code text}, {@code date})
 * @param inputMode the {@code inputmode} hint of a typed field, or null
 * @param min       the {@code min} attribute of a typed field, or null
 * @param max       the {@code max} attribute of a typed field, or null
 * @param hint      a line under the field saying what it takes, or null
 */
public record FormField(String fragment, List<Option> options, String inputType, String inputMode,
                        String min, String max, String hint) {

    public FormField {
        options = List.copyOf(options);
    }

    /** A field to pick one of {@code options} from. */
    public static FormField pick(String fragment, List<Option> options) {
        return new FormField(fragment, options, null, null, null, null, null);
    }

    /** One value a field offers and its label. */
    public record Option(String value, String label) {
    }
}
