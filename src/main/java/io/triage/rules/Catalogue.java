package io.triage.rules;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.triage.common.InputError;
import io.triage.common.InvalidInputException;
import io.triage.common.StrictYaml;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What each recommendation code says: kind, title, rationale, source and, for talk tracks, the
 * phrasing to avoid and what to say instead, and whether a prerequisite blocks the path. Loaded from {@code rules/recommendations.yaml}; the
 * DRL decides when a code applies, this file decides how it reads.
 *
 * <p>A code may have named {@code variants} of its rationale, for when the same advice has a
 * different reason; the rule that concludes the code picks one
 * ({@code new Recommendation("PROMPTING", "below_high_volume")}). Texts may hold placeholders
 * such as {@code {monthly_calls}}, filled per decision (see {@link TextTemplates}).
 */
public final class Catalogue {

    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]*");
    private static final Pattern VARIANT = Pattern.compile("[a-z][a-z0-9_]*");

    /**
     * {@code blocking} marks a prerequisite that must be met before the recommended path can start;
     * {@code kindName} is the kind as written, {@link #kind()} the kind it names (checked on parsing).
     */
    public record Entry(String code, @JsonProperty("kind") String kindName, String title, String rationale, String source,
                        Boolean blocking, String avoid, String say, LinkedHashMap<String, String> variants) {

        public Entry {
            variants = variants == null ? new LinkedHashMap<>() : variants;
        }

        public RecommendationKind kind() {
            return RecommendationKind.of(kindName).orElseThrow();
        }

        public boolean isBlocking() {
            return Boolean.TRUE.equals(blocking);
        }

        /** The rationale for a variant, or the plain rationale for none; empty if there is no such text. */
        public Optional<String> rationale(String variant) {
            return Optional.ofNullable(variant == null ? rationale : variants.get(variant));
        }

        /** Every text of this entry that may hold placeholders, by field (variants as {@code variants.<name>}). */
        public Map<String, String> texts() {
            Map<String, String> texts = new LinkedHashMap<>();
            texts.put("title", title);
            if (rationale != null) {
                texts.put("rationale", rationale);
            }
            variants.forEach((name, text) -> texts.put("variants." + name, text));
            if (avoid != null) {
                texts.put("avoid", avoid);
            }
            if (say != null) {
                texts.put("say", say);
            }
            return texts;
        }
    }

    record Document(List<Entry> recommendations) {
    }

    // INVARIANT: iteration order is file order, which is the order recommendations are shown in.
    private final Map<String, Entry> entries;
    private final Map<String, Integer> position = new java.util.HashMap<>();
    private final List<String> codesInOrder;

    private Catalogue(Map<String, Entry> entries) {
        this.entries = entries;
        entries.keySet().forEach(code -> position.put(code, position.size()));
        this.codesInOrder = List.copyOf(entries.keySet());
    }

    public static Catalogue parse(String file, String content) {
        Document doc = StrictYaml.read(file, content, Document.class);
        List<InputError> errors = new ArrayList<>();
        Map<String, Entry> entries = new LinkedHashMap<>();
        if (doc.recommendations() == null || doc.recommendations().isEmpty()) {
            errors.add(error(file, "the file needs a 'recommendations' list"));
        }
        for (Entry e : doc.recommendations() == null ? List.<Entry>of() : doc.recommendations()) {
            String code = e.code();
            if (code == null || !CODE.matcher(code).matches()) {
                errors.add(error(file, "code '" + code + "' must be UPPER_SNAKE_CASE"));
                continue;
            }
            if (entries.containsKey(code)) {
                errors.add(error(file, "code '" + code + "' appears twice"));
            }
            Optional<RecommendationKind> kind = RecommendationKind.of(e.kindName());
            if (kind.isEmpty()) {
                errors.add(error(file, code + ": kind '" + e.kindName() + "' is not one of " + RecommendationKind.ids()));
            }
            if (blank(e.title()) || (blank(e.rationale()) && e.variants().isEmpty())) {
                errors.add(error(file, code + ": needs a 'title' and a 'rationale' (or 'variants' of it)"));
            }
            if (e.rationale() != null && e.rationale().isBlank()) {
                errors.add(error(file, code + ": its 'rationale' is empty"));
            }
            e.variants().forEach((name, text) -> {
                if (!VARIANT.matcher(name).matches()) {
                    errors.add(error(file, code + ": variant '" + name + "' must be lower_snake_case"));
                }
                if (blank(text)) {
                    errors.add(error(file, code + ": variant '" + name + "' needs a text"));
                }
            });
            boolean talkTrack = kind.equals(Optional.of(RecommendationKind.TALK_TRACK));
            if (talkTrack && (blank(e.avoid()) || blank(e.say()))) {
                errors.add(error(file, code + ": a talk track needs 'avoid' and 'say'"));
            }
            if (!talkTrack && (e.avoid() != null || e.say() != null)) {
                errors.add(error(file, code + ": only talk tracks have 'avoid' and 'say'"));
            }
            if (e.blocking() != null && !kind.equals(Optional.of(RecommendationKind.PREREQUISITE))) {
                errors.add(error(file, code + ": only prerequisites can be 'blocking'"));
            }
            entries.put(code, e);
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException("invalid recommendation texts", errors);
        }
        return new Catalogue(entries);
    }

    public Optional<Entry> entry(String code) {
        return Optional.ofNullable(entries.get(code));
    }

    public List<Entry> entries() {
        return List.copyOf(entries.values());
    }

    public Set<String> codes() {
        return java.util.Collections.unmodifiableSet(entries.keySet());
    }

    /** The position {@link #positionOf} gives a code the file does not list: after every listed one. */
    public static final int UNLISTED = Integer.MAX_VALUE;

    /** Position in file order; codes not in the file sort last, at {@link #UNLISTED}. */
    public int positionOf(String code) {
        return position.getOrDefault(code, UNLISTED);
    }

    /** The code at a position in file order, as {@link #positionOf} counts. */
    public String codeAt(int position) {
        return codesInOrder.get(position);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static InputError error(String file, String message) {
        return InputError.file(file, "invalid_recommendations", message);
    }
}
