package io.triage.json;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CanonicalWriterTest {

    @Test
    void writersOneAfterAnotherAndOneInsideAnotherEachWriteOnlyTheirOwnDocument() {
        // finished writers hand their buffers on to the next writer on the thread
        String big = "x".repeat(20_000);
        for (int i = 0; i < 3; i++) {
            assertThat(text(new CanonicalWriter().startObject().key("a").string(big).endObject().toBytes()))
                    .isEqualTo("{\"a\":\"" + big + "\"}");
            assertThat(text(new CanonicalWriter().startArray().number(i).endArray().toBytes())).isEqualTo("[" + i + "]");
        }
        CanonicalWriter outer = new CanonicalWriter().startObject().key("a");
        byte[] inner = new CanonicalWriter().startObject().key("b").bool(true).endObject().toBytes();
        outer.string("one");
        assertThat(text(inner)).isEqualTo("{\"b\":true}");
        assertThat(text(outer.key("c").string("two").endObject().toBytes())).isEqualTo("{\"a\":\"one\",\"c\":\"two\"}");
    }

    @Test
    void keysOutOfOrderAreRefused() {
        assertThatThrownBy(() -> new CanonicalWriter().startObject().key("b").string("1").key("a"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not canonical order");
    }

    @Test
    void keysThatNeedEscapingAreWrittenAsTheTreeWriterWritesThemTheFirstTimeAndAfter() {
        // keys are remembered in encoded form; a remembered key must come out as a new one does
        String[] keys = {"plain", "long_" + "x".repeat(100), "quote\"d", "back\\slash", "tab\there", "\u0001control", "ünïcode", "snow☃man", "emoji\uD83D\uDE00"};
        java.util.Arrays.sort(keys);
        com.fasterxml.jackson.databind.node.ObjectNode tree = CanonicalJson.MAPPER.createObjectNode();
        for (String key : keys) {
            tree.put(key, 1);
        }
        for (int round = 0; round < 2; round++) {
            CanonicalWriter w = new CanonicalWriter().startObject();
            for (String key : keys) {
                w.key(key).number(1);
            }
            assertThat(w.endObject().toBytes()).isEqualTo(CanonicalJson.bytes(tree));
        }
    }

    @Test
    void valuesAreWrittenAsTheTreeWriterWritesThemWhetherOrNotTheyNeedEscaping() {
        // stored records are compared byte for byte on replay, so the streaming writer and the tree
        // writer must agree on every character: printable ASCII, those just outside it, and every
        // character that is escaped
        StringBuilder printable = new StringBuilder();
        for (char c = 0x20; c < 0x7f; c++) {
            printable.append(c);
        }
        String[] values = {"", "plain words, 42 and ~", printable.toString(), "quote\"d", "back\\slash", "tab\there",
                "new\nline", "\u0000nul", "\u001fus", "del\u007f", "\u0080", "ünïcode", "snow☃man", "emoji\uD83D\uDE00",
                "x".repeat(20_000), "x".repeat(20_000) + "\""};
        for (int round = 0; round < 2; round++) {
            CanonicalWriter w = new CanonicalWriter().startArray();
            com.fasterxml.jackson.databind.node.ArrayNode tree = CanonicalJson.MAPPER.createArrayNode();
            for (String value : values) {
                w.string(value);
                tree.add(value);
            }
            assertThat(text(w.endArray().toBytes())).isEqualTo(text(CanonicalJson.bytes(tree)));
        }
    }

    @Test
    void aKeyEqualToARememberedOneButNotTheSameObjectIsWrittenTheSame() {
        String made = new StringBuilder("fa").append("ct").toString();
        assertThat(text(new CanonicalWriter().startObject().key("fact").number(1).endObject().toBytes()))
                .isEqualTo(text(new CanonicalWriter().startObject().key(made).number(1).endObject().toBytes()))
                .isEqualTo("{\"fact\":1}");
    }

    @Test
    void preparedNamesAreWrittenAsPlainOnesAndKeepTheOrderCheck() {
        CanonicalWriter.Name fact = CanonicalWriter.Name.of("fact");
        CanonicalWriter.Name answer = CanonicalWriter.Name.of("Answer");
        assertThat(text(new CanonicalWriter().startObject().key(fact).string(answer).key("name").string("x").endObject().toBytes()))
                .isEqualTo(text(new CanonicalWriter().startObject().key("fact").string("Answer").key("name").string("x").endObject().toBytes()))
                .isEqualTo("{\"fact\":\"Answer\",\"name\":\"x\"}");
        assertThatThrownBy(() -> new CanonicalWriter().startObject().key("name").string("x").key(fact))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("key 'fact' written after 'name'");
        assertThatThrownBy(() -> new CanonicalWriter().startObject().key(fact).number(1).key(fact))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not canonical order");
    }

    @Test
    void onlyNamesThatNeedNoEscapingCanBePrepared() {
        for (String name : new String[]{"quote\"d", "back\\slash", "tab\there", "ünïcode", "del\u007f"}) {
            assertThatThrownBy(() -> CanonicalWriter.Name.of(name)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
