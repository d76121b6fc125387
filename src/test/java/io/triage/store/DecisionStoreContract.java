package io.triage.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.triage.audit.BundleVerifier;
import io.triage.history.HashChain;
import io.triage.json.CanonicalJson;
import io.triage.rules.RuleSetFiles;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.triage.security.Roles.AUDITOR;
import static io.triage.security.Roles.PRESALES;
import static io.triage.testing.Accounts.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.startsWith;

/**
 * What the decision store promises, checked against a real database. Runs once on H2
 * ({@link H2DecisionStoreTest}) and once on PostgreSQL ({@link PostgresDecisionStoreTest}).
 * Every test that tampers with the database undoes its edit, so the chain is intact afterwards.
 */
abstract class DecisionStoreContract {

    @Inject
    Database database;

    @Inject
    RuleSetRepository rulesets;

    @Inject
    DecisionLog log;

    static String submit(String answers) {
        return as(PRESALES).contentType(ContentType.JSON).body("{\"answers\": " + answers + "}")
                .when().post("/api/decisions")
                .then().statusCode(201)
                .extract().path("id");
    }

    static JsonPath chain() {
        return as(AUDITOR).when().get("/api/audit/chain").then().statusCode(200).extract().jsonPath();
    }

    static long seqOf(String id) {
        return as(AUDITOR).when().get("/api/decisions?limit=200").then().statusCode(200)
                .extract().jsonPath().getLong("items.find { it.id == '" + id + "' }.seq");
    }

    @Test
    void storesEveryDecisionBeforeReturningItAndServesItUnchanged() {
        String posted = as(PRESALES).contentType(ContentType.JSON)
                .body("{\"answers\": {\"must_know_org_content\": true, \"monthly_calls\": 5000}}")
                .when().post("/api/decisions")
                .then().statusCode(201)
                .body("recordHash", matchesPattern("sha256:[0-9a-f]{64}"))
                .body("previousHash", matchesPattern("sha256:[0-9a-f]{64}"))
                .extract().asString();
        ObjectNode decision = (ObjectNode) CanonicalJson.parse(posted);
        String fetched = as(PRESALES).when().get("/api/decisions/" + decision.get("id").asText())
                .then().statusCode(200).extract().asString();
        assertThat(fetched).isEqualTo(posted);

        String rulesetVersion = decision.get("rulesetVersion").asText();
        var stored = rulesets.find(rulesetVersion).orElseThrow();
        assertThat(stored.files().version()).isEqualTo(rulesetVersion);
        assertThat(rulesets.questionnaireSource(decision.get("questionnaireVersion").asText()))
                .contains(stored.files().get(RuleSetFiles.QUESTIONNAIRE));
    }

    @Test
    void unknownDecisionsAreNotFound() {
        as(AUDITOR).when().get("/api/decisions/00000000-0000-0000-0000-000000000000")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void failsClosedWhenTheDatabaseRejectsTheWrite() {
        submit("{\"task_type\": \"extraction\"}");
        long before = chain().getLong("records");
        StoreTamper db = new StoreTamper(database.dataSource());
        db.execute("ALTER TABLE decisions RENAME TO decisions_offline");
        try {
            as(PRESALES).contentType(ContentType.JSON).body("{\"answers\": {\"task_type\": \"extraction\"}}")
                    .when().post("/api/decisions")
                    .then().statusCode(503)
                    .contentType("application/problem+json")
                    .body("title", equalTo("the decision store is unavailable"))
                    .body("id", equalTo(null))
                    .body("recommendations", equalTo(null));
        } finally {
            db.execute("ALTER TABLE decisions_offline RENAME TO decisions");
        }
        assertThat(chain().getLong("records")).isEqualTo(before);
        submit("{\"task_type\": \"extraction\"}");
        JsonPath after = chain();
        assertThat(after.getBoolean("intact")).isTrue();
        assertThat(after.getLong("records")).isEqualTo(before + 1);
    }

    @Test
    void theApplicationCannotUpdateOrDeleteDecisions() throws SQLException {
        String id = submit("{\"task_type\": \"classification\"}");
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeUpdate("UPDATE decisions SET submitted_by = 'mallory' WHERE id = '" + id + "'"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
            assertThatThrownBy(() -> s.executeUpdate("DELETE FROM decisions WHERE id = '" + id + "'"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
            assertThatThrownBy(() -> s.executeUpdate("UPDATE rulesets SET created_by = 'mallory'"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
            if (c.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres")) {
                assertThatThrownBy(() -> s.execute("TRUNCATE decisions CASCADE"))
                        .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
            }
        }
        as(AUDITOR).when().get("/api/decisions/" + id).then().statusCode(200).body("submittedBy", equalTo(PRESALES));
        assertThat(chain().getBoolean("intact")).isTrue();
    }

    @Test
    void concurrentSubmissionsFormOneLinearChain() throws Exception {
        long before = chain().getLong("records");
        int threads = 16;
        int perThread = 15;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<List<String>>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int calls = 1000 * (t + 1);
            Callable<List<String>> client = () -> {
                List<String> ids = new ArrayList<>();
                for (int i = 0; i < perThread; i++) {
                    ids.add(submit("{\"monthly_calls\": " + (calls + i) + ", \"task_type\": \"summarization\"}"));
                }
                return ids;
            };
            futures.add(pool.submit(client));
        }
        Set<String> ids = new HashSet<>();
        for (Future<List<String>> f : futures) {
            ids.addAll(f.get());
        }
        pool.shutdown();
        assertThat(ids).hasSize(threads * perThread);
        JsonPath report = chain();
        assertThat(report.getBoolean("intact")).isTrue();
        assertThat(report.getLong("records")).isEqualTo(before + threads * perThread);
        assertThat(report.getLong("headSeq")).isEqualTo(before + threads * perThread);
    }

    @Test
    void detectsOneChangedByteAtThatRecord() {
        submit("{\"believes_lora_adds_knowledge\": true}");
        String id = submit("{\"believes_lora_adds_knowledge\": true}");
        submit("{\"believes_lora_adds_knowledge\": true}");
        long seq = seqOf(id);
        StoreTamper db = new StoreTamper(database.dataSource());
        db.withRecordRestored(seq, (c, original) -> {
            String json = RecordCodec.decode(original);
            int at = json.indexOf("\"submittedBy\":\"") + "\"submittedBy\":\"".length();
            String edited = json.substring(0, at) + 'A' + json.substring(at + 1);
            db.setRecord(c, seq, RecordCodec.encode(edited.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            JsonPath report = chain();
            assertThat(report.getBoolean("intact")).isFalse();
            assertThat(report.getLong("firstBadRecord.seq")).isEqualTo(seq);
            assertThat(report.getString("firstBadRecord.id")).isEqualTo(id);
            assertThat(report.getString("firstBadRecord.code")).isEqualTo("hash_mismatch");

            byte[] corrupted = original.clone();
            corrupted[corrupted.length / 2] ^= 0x20;
            db.setRecord(c, seq, corrupted);
            JsonPath damaged = chain();
            assertThat(damaged.getBoolean("intact")).isFalse();
            assertThat(damaged.getLong("firstBadRecord.seq")).isEqualTo(seq);
            assertThat(damaged.getString("firstBadRecord.code")).isEqualTo("unreadable");
        });
        assertThat(chain().getBoolean("intact")).isTrue();
    }

    @Test
    void aRecordDamagedIntoSomethingElseThatStillDecompressesIsReportedAsDamagedNotAsAServerError() {
        String id = submit("{\"believes_lora_adds_knowledge\": true}");
        long seq = seqOf(id);
        StoreTamper db = new StoreTamper(database.dataSource());
        db.withRecordRestored(seq, (c, original) -> {
            for (String damage : List.of("{\"not\":\"a decision\"}", "{\"answers\":[1,2]}", "\"just a string\"",
                    "[{\"answers\":{}}]", "{\"answers\":", "")) {
                db.setRecord(c, seq, RecordCodec.encode(damage.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
                as(AUDITOR).contentType(ContentType.JSON).when().post("/api/decisions/" + id + "/replay")
                        .then().statusCode(503).body("detail", containsString("decision " + id + " is damaged"));
                // explaining needs the answers: the API says the record is damaged, the auditor's page
                // says so beside what it can still show
                as(AUDITOR).when().get("/api/decisions/" + id + "/what-would-change")
                        .then().statusCode(503).body("detail", containsString("decision " + id + " is damaged"));
                if (!damage.startsWith("{\"not") && !damage.startsWith("{\"answers\":[")) {
                    // an object is served as stored (the chain check flags it); anything else cannot be
                    as(AUDITOR).when().get("/api/decisions/" + id)
                            .then().statusCode(503).body("detail", containsString("decision " + id + " is damaged"));
                } else {
                    assertThat(io.triage.testing.PageSession.as(AUDITOR).get("/audit/decisions/" + id).then().statusCode(200)
                            .extract().asString()).contains("id=\"explain-problem\"").contains("is damaged");
                }
            }
        });
        as(AUDITOR).contentType(ContentType.JSON).when().post("/api/decisions/" + id + "/replay").then().statusCode(200)
                .body("matches", equalTo(true));
    }

    @Test
    void aRecordStoredAsADeflateStreamBeforeLz4StillReadsVerifiesAndReplays() {
        String id = submit("{\"believes_lora_adds_knowledge\": true}");
        long seq = seqOf(id);
        StoreTamper db = new StoreTamper(database.dataSource());
        String servedBefore = as(AUDITOR).when().get("/api/decisions/" + id).then().statusCode(200).extract().asString();
        db.withRecordRestored(seq, (c, original) -> {
            assertThat(original[0]).isEqualTo(RecordCodec.LZ4_TAG);
            db.setRecord(c, seq, RecordCodec.encode(RecordCodec.decode(original).getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    io.triage.config.TriageConfig.Db.RecordCompression.DEFLATE));
            assertThat(chain().getBoolean("intact")).isTrue();
            // served as it was before: same record, same hashes
            assertThat(as(AUDITOR).when().get("/api/decisions/" + id).then().statusCode(200).extract().asString())
                    .isEqualTo(servedBefore);
            as(AUDITOR).contentType(ContentType.JSON).when().post("/api/decisions/" + id + "/replay")
                    .then().statusCode(200).body("recordHashVerified", equalTo(true)).body("matches", equalTo(true));
        });
    }

    @Test
    void detectsALookupColumnThatNoLongerAgreesWithItsRecord() {
        String id = submit("{\"believes_fine_tuning_more_accurate\": true}");
        long seq = seqOf(id);
        StoreTamper db = new StoreTamper(database.dataSource());
        db.withGuardsOff(c -> {
            String original = db.row(c, seq).submittedBy();
            db.setSubmittedBy(c, seq, "someone-else");
            try {
                JsonPath report = chain();
                assertThat(report.getBoolean("intact")).isFalse();
                assertThat(report.getLong("firstBadRecord.seq")).isEqualTo(seq);
                assertThat(report.getString("firstBadRecord.code")).isEqualTo("column_mismatch");
                // the people's text names the column and both values
                assertThat(report.getString("firstBadRecord.problem")).contains("submitted_by", "someone-else");
            } finally {
                db.setSubmittedBy(c, seq, original);
            }
        });
        assertThat(chain().getBoolean("intact")).isTrue();
    }

    @Test
    void detectsADeletedRecordAtTheRecordAfterIt() {
        submit("{\"expects_learning_from_feedback\": true}");
        String id = submit("{\"expects_learning_from_feedback\": true}");
        submit("{\"expects_learning_from_feedback\": true}");
        long seq = seqOf(id);
        StoreTamper db = new StoreTamper(database.dataSource());
        db.withGuardsOff(c -> {
            StoreTamper.Row row = db.row(c, seq);
            db.delete(c, seq);
            try {
                JsonPath report = chain();
                assertThat(report.getBoolean("intact")).isFalse();
                assertThat(report.getLong("firstBadRecord.seq")).isEqualTo(seq + 1);
                assertThat(report.getString("firstBadRecord.code")).isEqualTo("missing_before");
            } finally {
                db.insert(c, row);
            }
        });
        assertThat(chain().getBoolean("intact")).isTrue();
    }

    @Test
    void detectsTwoSwappedRecordsAtTheFirstOfThem() {
        submit("{\"expects_easy_fine_tune_updates\": true}");
        String first = submit("{\"expects_easy_fine_tune_updates\": true}");
        submit("{\"expects_fine_tuning_more_auditable\": true}");
        long a = seqOf(first);
        StoreTamper db = new StoreTamper(database.dataSource());
        db.withGuardsOff(c -> {
            db.swap(c, a, a + 1);
            try {
                JsonPath report = chain();
                assertThat(report.getBoolean("intact")).isFalse();
                assertThat(report.getLong("firstBadRecord.seq")).isEqualTo(a);
                assertThat(report.getString("firstBadRecord.code")).isEqualTo("broken_link");
            } finally {
                db.swap(c, a, a + 1);
            }
        });
        assertThat(chain().getBoolean("intact")).isTrue();
    }

    @Test
    void replaysADecisionOnItsOwnVersionAndMatches() {
        String id = submit("{\"task_type\": \"classification\", \"format_consistency_critical\": true, "
                + "\"monthly_calls\": 1000000, \"model_hosting\": \"provider_api\", \"training_examples\": 200, "
                + "\"optimization_goal\": \"behavior_consistency\"}");
        as(AUDITOR).contentType(ContentType.JSON).when().post("/api/decisions/" + id + "/replay")
                .then().statusCode(200)
                .body("decisionId", equalTo(id))
                .body("ownVersion", equalTo(true))
                .body("recordHashVerified", equalTo(true))
                .body("matches", equalTo(true))
                .body("differences", hasSize(0));
        as(AUDITOR).contentType(ContentType.JSON).when().post("/api/decisions/" + id + "/replay?ruleset=active")
                .then().statusCode(200).body("matches", equalTo(true));
    }

    @Test
    void replaysOnAnotherVersionAndListsWhatWouldChange() {
        String id = submit("{\"must_know_org_content\": true, \"monthly_calls\": 20000}");
        RuleSetFiles shipped = RuleSetFiles.load(Path.of("rules"), Path.of("test-cases"));
        String strategies = shipped.get("rules/20-strategies.drl");
        String withoutPolicyKnowledge = strategies.replace(
                "    Answer(question == \"must_know_org_content\", yes)\n    or Answer(question == \"optimization_goal\"",
                "    Answer(question == \"optimization_goal\"");
        assertThat(withoutPolicyKnowledge).isNotEqualTo(strategies);
        RuleSetFiles whatIf = shipped.with(Map.of("rules/20-strategies.drl", withoutPolicyKnowledge));
        rulesets.save(whatIf, "test");

        as(AUDITOR).contentType(ContentType.JSON).when().post("/api/decisions/" + id + "/replay?ruleset=" + whatIf.version())
                .then().statusCode(200)
                .body("rulesetVersion", equalTo(whatIf.version()))
                .body("ownVersion", equalTo(false))
                .body("matches", equalTo(false))
                .body("codesRemoved", equalTo(List.of("RAG")))
                .body("codesAdded", hasSize(0))
                .body("differences.path", org.hamcrest.Matchers.hasItem(startsWith("recommendations")));
        // the stored decision itself is untouched and still replays on its own version
        as(AUDITOR).contentType(ContentType.JSON).when().post("/api/decisions/" + id + "/replay").then().statusCode(200).body("matches", equalTo(true));
    }

    @Test
    void replaysTheWholeLogAndEveryStoredOutcomeHolds() {
        submit("{\"task_type\": \"novel_scenarios\", \"monthly_calls\": 7000}");
        JsonPath report = as(AUDITOR).contentType(ContentType.JSON).when().post("/api/audit/replay").then().statusCode(200).extract().jsonPath();
        assertThat(report.getLong("replayed")).isEqualTo(chain().getLong("records"));
        assertThat(report.getLong("mismatched")).isZero();
        assertThat(report.getLong("matched")).isEqualTo(report.getLong("replayed"));
    }

    @Test
    void replayTargetsMustBeVersions() {
        String id = submit("{\"task_type\": \"extraction\"}");
        as(AUDITOR).contentType(ContentType.JSON).when().post("/api/decisions/" + id + "/replay?ruleset=latest")
                .then().statusCode(400).body("errors[0].field", equalTo("ruleset"));
        as(AUDITOR).contentType(ContentType.JSON).when().post("/api/decisions/" + id + "/replay?ruleset=sha256:" + "0".repeat(64))
                .then().statusCode(404);
    }

    @Test
    void listsNewestFirstWithPagingAndFilters() {
        String a = submit("{\"vendor_claims_trained_on_your_data\": true}");
        String b = submit("{\"believes_prompting_does_not_scale\": true}");
        String c = submit("{\"vendor_claims_trained_on_your_data\": true, \"monthly_calls\": 100}");

        JsonPath first = as(AUDITOR).when().get("/api/decisions?limit=2").then().statusCode(200).extract().jsonPath();
        assertThat(first.getList("items.id")).containsExactly(c, b);
        String next = first.getString("next");
        assertThat(next).isNotNull();
        JsonPath second = as(AUDITOR).when().get("/api/decisions?limit=2&before=" + next).then().statusCode(200).extract().jsonPath();
        assertThat(second.getList("items.id")).startsWith(a);

        List<String> vendor = as(AUDITOR).when().get("/api/decisions?limit=200&code=TT_VENDOR_CLAIM")
                .then().statusCode(200).extract().jsonPath().getList("items.id");
        assertThat(vendor).contains(a, c).doesNotContain(b);
        assertThat(as(AUDITOR).when().get("/api/decisions?limit=200&code=TT_VENDOR_CLAIM").then().extract().jsonPath()
                .getList("items.codes.flatten()")).contains("TT_VENDOR_CLAIM");

        as(AUDITOR).when().get("/api/decisions?from=2999-01-01").then().statusCode(200).body("items", hasSize(0));
        as(AUDITOR).when().get("/api/decisions?to=2000-01-01").then().statusCode(200).body("items", hasSize(0));
        List<String> today = as(AUDITOR).when().get("/api/decisions?limit=200&from=" + java.time.LocalDate.now(java.time.ZoneOffset.UTC)
                + "&to=" + java.time.LocalDate.now(java.time.ZoneOffset.UTC)).then().statusCode(200).extract().jsonPath().getList("items.id");
        assertThat(today).contains(a, b, c);

        as(AUDITOR).when().get("/api/decisions?limit=0&before=x&from=yesterday")
                .then().statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.containsInAnyOrder("limit", "before", "from"));
    }

    static io.restassured.response.Response decideWithKey(String key, String answers) {
        return as(PRESALES).contentType(ContentType.JSON).header("Idempotency-Key", key).body("{\"answers\": " + answers + "}")
                .when().post("/api/decisions");
    }

    @Test
    void aRequestSentAgainWithItsIdempotencyKeyGetsTheFirstDecisionAndNothingIsStoredTwice() throws Exception {
        String key = "retry-" + java.util.UUID.randomUUID();
        long before = chain().getLong("records");
        io.restassured.response.Response first = decideWithKey(key, "{\"task_type\": \"extraction\"}");
        first.then().statusCode(201);
        String id = first.path("id");
        // the same answers written differently are the same request
        io.restassured.response.Response again = decideWithKey(key, "{ \"task_type\" : \"extraction\" }");
        again.then().statusCode(201).header("Idempotent-Replayed", "true").body("id", equalTo(id))
                .body("recordHash", equalTo(first.path("recordHash")));
        assertThat(chain().getLong("records")).isEqualTo(before + 1);

        // the same request many times at once: one decision
        String raced = "race-" + java.util.UUID.randomUUID();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> ids = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                ids.add(pool.submit(() -> decideWithKey(raced, "{\"monthly_calls\": 777}").then().statusCode(201)
                        .extract().<String>path("id")));
            }
            Set<String> distinct = new HashSet<>();
            for (Future<String> f : ids) {
                distinct.add(f.get());
            }
            assertThat(distinct).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(chain().getLong("records")).isEqualTo(before + 2);

        decideWithKey(key, "{\"task_type\": \"classification\"}").then().statusCode(422)
                .body("errors[0].field", equalTo("Idempotency-Key"));
        decideWithKey("not a key!", "{}").then().statusCode(400).body("errors[0].field", equalTo("Idempotency-Key"));
        assertThat(chain().getLong("records")).isEqualTo(before + 2);
    }

    @Test
    void aStrayInterruptDoesNotStopTheWriter() throws Exception {
        submit("{\"task_type\": \"extraction\"}");
        Thread writer = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("decision-log-writer") && t.isAlive()).findFirst().orElseThrow();
        for (int i = 0; i < 3; i++) {
            writer.interrupt();
            Thread.sleep(50);
        }
        String id = submit("{\"task_type\": \"classification\"}");
        as(AUDITOR).when().get("/api/decisions/" + id).then().statusCode(200);
        assertThat(log.writerState().alive()).isTrue();
        assertThat(chain().getBoolean("intact")).isTrue();
    }

    @Test
    void anExportedBundleVerifiesOfflineAndRevealsTampering() {
        String id = submit("{\"data_classification\": \"classified\", \"says_train_own_model\": true, \"monthly_calls\": 90000}");
        String bundleJson = as(AUDITOR).when().get("/api/decisions/" + id + "/export")
                .then().statusCode(200)
                .header("Content-Disposition", org.hamcrest.Matchers.containsString("decision-" + id + ".json"))
                .extract().asString();
        JsonNode bundle = CanonicalJson.parse(bundleJson);
        BundleVerifier.Report report = BundleVerifier.verify(bundle);
        assertThat(report.verified()).as(String.join("\n", report.lines())).isTrue();
        assertThat(report.lines()).anySatisfy(l -> assertThat(l).startsWith("replay").contains("matches"));

        ObjectNode altered = bundle.deepCopy();
        ((ObjectNode) altered.path("decision").path("record").path("answers")).put("monthly_calls", 90001);
        BundleVerifier.Report tampered = BundleVerifier.verify(altered);
        assertThat(tampered.verified()).isFalse();
        assertThat(tampered.lines()).anySatisfy(l -> assertThat(l).startsWith("record hash").contains("MISMATCH"));
        assertThat(tampered.lines()).anySatisfy(l -> assertThat(l).startsWith("replay").contains("not compiled"));

        ObjectNode otherRules = bundle.deepCopy();
        ObjectNode files = (ObjectNode) otherRules.path("ruleset").path("files");
        files.put("rules/40-cautions.drl", files.get("rules/40-cautions.drl").asText() + "\n// edited\n");
        assertThat(BundleVerifier.verify(otherRules).lines()).anySatisfy(l -> assertThat(l).startsWith("rule set").contains("MISMATCH"));
    }

    @Test
    void aForgedButConsistentBundleRunsItsRulesOnlyInTheWorkerAndOnlyInsideTheRuleLanguage() throws Exception {
        String id = submit("{\"must_know_org_content\": true}");
        JsonNode bundle = CanonicalJson.parse(as(AUDITOR).when().get("/api/decisions/" + id + "/export").then().statusCode(200)
                .extract().asString());
        Path sentinel = Path.of("/tmp/triage-bundle-pwned");
        java.nio.file.Files.deleteIfExists(sentinel);
        // a forger recomputes every hash the bundle carries, so it is consistent with itself
        ObjectNode forged = bundle.deepCopy();
        ObjectNode files = (ObjectNode) forged.path("ruleset").path("files");
        files.put("rules/99-forged.drl", """
                package rules;
                import io.triage.facts.Answer;
                rule "Forged"
                    @id("forged") @source("Triage tests")
                when
                    Answer()
                then
                    java.nio.file.Files.writeString(java.nio.file.Path.of("/tmp/triage-bundle-pwned"), "x");
                end
                """);
        Map<String, String> map = new java.util.TreeMap<>();
        files.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
        String version = RuleSetFiles.of(map).version();
        ObjectNode record = (ObjectNode) forged.path("decision").path("record");
        record.put("rulesetVersion", version);
        ((ObjectNode) forged.path("ruleset")).put("version", version);
        String previous = forged.path("decision").path("previousHash").asText();
        ((ObjectNode) forged.path("decision")).put("recordHash", HashChain.hash(previous, CanonicalJson.bytes(record)));
        ((ObjectNode) forged.path("chain")).putNull("next");

        BundleVerifier.Report report = BundleVerifier.verify(forged);

        assertThat(report.verified()).isFalse();
        assertThat(report.lines()).anySatisfy(l -> assertThat(l).startsWith("replay").contains("could not run")
                .contains("rules/99-forged.drl:8"));
        assertThat(sentinel).doesNotExist();
    }
}
