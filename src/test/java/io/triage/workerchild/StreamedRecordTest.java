package io.triage.workerchild;

import io.triage.worker.WorkerRequests;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A replay's input line, as the service writes it and the worker reads it back. */
class StreamedRecordTest {

    @Test
    void theRecordComesBackAsTheExactBytesTheServiceSent() {
        // braces, quotes and escapes inside strings, and text beyond ASCII: none may end the record early
        String record = "{\"answers\":{\"q\":\"a } b \\\" c\"},\"id\":\"d-1\",\"note\":\"Zürich ✓ \\u00e9 \\\\\",\"trace\":[{\"x\":[1,{}]}]}";
        String line = WorkerRequests.record("d-1", record).toString();
        StreamedRecord read = StreamedRecord.parse(line);
        assertThat(read.id()).isEqualTo("d-1");
        assertThat(new String(read.record(), StandardCharsets.UTF_8)).isEqualTo(record);
    }

    @Test
    void theEndOfTheStreamReadsAsNothing() {
        assertThat(StreamedRecord.parse("{\"end\":true}")).isNull();
    }

    @Test
    void aLineThatIsNotARecordIsRefused() {
        assertThatThrownBy(() -> StreamedRecord.parse("{\"id\":\"d-1\"}")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no id or no record");
        assertThatThrownBy(() -> StreamedRecord.parse("[]")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StreamedRecord.parse("{\"id\":\"d-1\",\"record\":{")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRecordOnMoreThanOneLineIsNeverSent() {
        assertThatThrownBy(() -> WorkerRequests.record("d-1", "{\"a\":1}\n{\"op\":\"describe\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one line");
    }
}
