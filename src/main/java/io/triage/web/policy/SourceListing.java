package io.triage.web.policy;

import io.quarkus.qute.TemplateData;
import io.triage.common.InputError;

import java.util.ArrayList;
import java.util.List;

/** One file of a version, line by line, with each error of the report next to the line it names. */
@TemplateData
public record SourceListing(String path, List<Line> lines) {

    @TemplateData
    public record Line(int number, String text, List<String> errors) {

        public boolean hasError() {
            return !errors.isEmpty();
        }
    }

    /** @param errors the report's errors; those of other files, or without a line, are left out */
    public static SourceListing of(String path, String content, List<InputError> errors) {
        String body = content.endsWith("\n") ? content.substring(0, content.length() - 1) : content;
        String[] texts = body.split("\n", -1);
        List<List<String>> errorsByLine = new ArrayList<>();
        for (int i = 0; i < texts.length; i++) {
            errorsByLine.add(new ArrayList<>());
        }
        for (InputError e : errors) {
            if (path.equals(e.file()) && e.line() != null && e.line() > 0) {
                // a parser may point one past the last line ("unexpected end of file")
                int index = Math.min(e.line(), texts.length) - 1;
                errorsByLine.get(index).add(e.describe());
            }
        }
        List<Line> lines = new ArrayList<>();
        for (int i = 0; i < texts.length; i++) {
            lines.add(new Line(i + 1, texts[i].replace("\r", ""), errorsByLine.get(i)));
        }
        return new SourceListing(path, lines);
    }
}
