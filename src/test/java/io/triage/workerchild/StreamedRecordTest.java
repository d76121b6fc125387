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
    void charactersBeyondTheBasicPlaneAndLinesOfMoreThan32kCharactersComeBackExactly() {
        String record = "{\"answers\":{\"q\":\"\uD83D\uDE80 rocket \uD834\uDD1E clef\"},\"trace\":\"" + "x".repeat(100_000) + "\"}";
        StreamedRecord read = StreamedRecord.parse(WorkerRequests.record("d-2", record).toString());
        assertThat(new String(read.record(), StandardCharsets.UTF_8)).isEqualTo(record);
    }

    @Test
    void theEndOfTheStreamIsExactlyItsMarker() {
        assertThat(StreamedRecord.isEnd("{\"end\":true}")).isTrue();
        assertThat(StreamedRecord.isEnd(WorkerRequests.record("d-1", "{\"end\":true}").toString())).isFalse();
    }

    @Test
    void aLineThatIsNotARecordIsRefused() {
        assertThatThrownBy(() -> StreamedRecord.parse("{\"id\":\"d-1\"}")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no id or no record");
        assertThatThrownBy(() -> StreamedRecord.parse("[]")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StreamedRecord.parse("{\"id\":\"d-1\",\"record\":{")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StreamedRecord.parse("{\"id\":\"d-1\",\"record\":\"{}\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> StreamedRecord.parse("{\"id\":7,\"record\":{}}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("id is not a string");
    }

    @Test
    void aRecordThatClosesEarlyCannotSmuggleInAnotherIdRecordOrTheEnd() {
        // each of these is what a tampered stored record embedded as it is would make of the line
        for (String smuggled : new String[] {
                "{\"a\":1},\"end\":true,\"z\":{}",
                "{\"a\":1},\"id\":\"someone-else\"",
                "{\"a\":1},\"record\":{\"b\":2}",
                "{\"a\":1}} {\"id\":\"d-9\",\"record\":{}"}) {
            String line = WorkerRequests.record("d-1", smuggled).toString();
            assertThatThrownBy(() -> StreamedRecord.parse(line)).as(line).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aRecordOnMoreThanOneLineIsNeverSent() {
        assertThatThrownBy(() -> WorkerRequests.record("d-1", "{\"a\":1}\n{\"op\":\"describe\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one line");
    }
}
