package io.triage.web.policy;

import io.quarkus.qute.TemplateData;

import java.util.List;

/**
 * The upload form as typed (kept when it is shown again), with what to fix. {@code editedFrom}: the
 * version whose copy of the file was opened for editing, else null. {@code tooLargeToEdit}: the file
 * is larger than a form field may be, so it must be sent as a chosen file instead of from the text box.
 */
@TemplateData
public record UploadForm(String path, String content, List<String> errors, String activeVersion, String editedFrom,
                         long fieldLimit, boolean tooLargeToEdit, String note) {

    public boolean editing() {
        return editedFrom != null;
    }

    public boolean editingAnotherVersion() {
        return editedFrom != null && !editedFrom.equals(activeVersion);
    }
}
