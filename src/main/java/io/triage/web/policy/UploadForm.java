package io.triage.web.policy;

import io.quarkus.qute.TemplateData;

import java.util.List;

/**
 * The upload form as typed (kept when it is shown again), with what to fix. {@code tooLargeToEdit}:
 * the file is larger than a form field may be, so it must be sent as a file instead of edited here.
 */
@TemplateData
public record UploadForm(String path, String content, List<String> errors, String activeVersion, boolean editing,
                         long fieldLimit, boolean tooLargeToEdit) {
}
