package io.triage.golden;

import com.fasterxml.jackson.databind.JsonNode;
import io.triage.common.InputError;
import io.triage.common.InvalidInputException;
import io.triage.common.StrictYaml;
import io.triage.rules.RuleSetFiles;

import java.util.ArrayList;
import java.util.List;

/** Reads the golden cases of a rule set, reporting every malformed file. */
public final class GoldenCases {

    record Document(String description, JsonNode answers, GoldenCase.Expect expect) {
    }

    private GoldenCases() {
    }

    public static List<GoldenCase> load(RuleSetFiles files) {
        List<GoldenCase> cases = new ArrayList<>();
        List<InputError> errors = new ArrayList<>();
        files.testCaseFiles().forEach((path, content) -> {
            try {
                cases.add(parse(path, content));
            } catch (InvalidInputException e) {
                errors.addAll(e.errors());
            }
        });
        if (!errors.isEmpty()) {
            throw new InvalidInputException("invalid golden cases", errors);
        }
        return cases;
    }

    public static GoldenCase parse(String path, String content) {
        Document doc = StrictYaml.read(path, content, Document.class);
        List<InputError> errors = new ArrayList<>();
        if (doc.description() == null || doc.description().isBlank()) {
            errors.add(InputError.file(path, "invalid_case", "a golden case needs a 'description'"));
        }
        if (doc.answers() == null || !doc.answers().isObject()) {
            errors.add(InputError.file(path, "invalid_case", "a golden case needs 'answers' (a map of question id to answer)"));
        }
        GoldenCase.Expect expect = doc.expect();
        if (expect == null || expect.isEmpty()) {
            errors.add(InputError.file(path, "invalid_case",
                    "a golden case needs 'expect' with at least one of present, absent, rules, cost, noCost, variants, rationale"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException("invalid golden case", errors);
        }
        String fileName = path.substring(path.lastIndexOf('/') + 1);
        String name = fileName.substring(0, fileName.length() - ".yaml".length());
        return new GoldenCase(name, path, doc.description(), doc.answers(), expect);
    }
}
