package io.triage.web.policy;

import io.quarkus.qute.TemplateData;
import io.triage.history.VersionNote;

/** A note on a version as the pages show it: why it changes the policy, who wrote it, when. */
@TemplateData
public record NoteRow(String note, String by, String at) {

    public static NoteRow of(VersionNote note) {
        return new NoteRow(note.note(), note.writtenBy(), Shown.time(note.writtenAt()));
    }
}
