package io.triage.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.triage.app.RuleSetLifecycle;
import io.triage.diff.RuleSetDiff;
import io.triage.history.DecisionQuery;
import io.triage.history.RuleSetActivation;
import io.triage.history.RuleSetCandidate;
import io.triage.history.StoredRuleSet;
import io.triage.history.ValidationAttempt;
import io.triage.history.VersionNote;
import io.triage.http.ListParameters;
import io.triage.http.PayloadTooLargeException;
import io.triage.http.Problem;
import io.triage.jobs.JobJson;
import io.triage.jobs.Jobs;
import io.triage.json.Sha256;
import io.triage.policy.Activator;
import io.triage.policy.RuleSetPipeline;
import io.triage.policy.TryOut;
import io.triage.rules.ActiveRuleSet;
import io.triage.rules.RuleInfo;
import io.triage.rules.RuleSetFiles;
import io.triage.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.Map;

/** Rule-set versions: upload a candidate, see its report, approve, activate (or roll back), impact. */
@Path("/api/rulesets")
@Produces(MediaType.APPLICATION_JSON)
public class RuleSetResource {

    private final RuleSetLifecycle ruleSets;
    private final SecurityIdentity identity;
    private final BodyLimits limits;
    private final ObjectMapper mapper;

    RuleSetResource(RuleSetLifecycle ruleSets, SecurityIdentity identity, BodyLimits limits, ObjectMapper mapper) {
        this.ruleSets = ruleSets;
        this.mapper = mapper;
        this.identity = identity;
        this.limits = limits;
    }

    /**
     * Every submitted version, newest first, with who, when, where from, whether it passed, which is
     * active, and the latest note on why it changes the policy ({@code note}, null if none).
     */
    @GET
    @RolesAllowed({Roles.POLICY_OWNER, Roles.AUDITOR})
    public ArrayNode list() {
        String current = ruleSets.active().version();
        Map<String, VersionNote> latest = ruleSets.latestNotes();
        ArrayNode list = JsonNodeFactory.instance.arrayNode();
        for (RuleSetCandidate c : ruleSets.candidates()) {
            ObjectNode n = list.addObject();
            n.put("version", c.version());
            n.put("submittedAt", c.submittedAt().toString());
            n.put("submittedBy", c.submittedBy());
            n.put("origin", c.origin());
            n.put("passed", c.passed());
            n.put("active", c.version().equals(current));
            VersionNote note = latest.get(c.version());
            n.put("note", note == null ? null : note.note());
        }
        return list;
    }

    @GET
    @Path("/active")
    @Authenticated
    public ObjectNode activeVersion() {
        ActiveRuleSet.Activation a = ruleSets.activation().orElseThrow(() -> new NotFoundException("no rule set is active"));
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("version", a.ruleSet().version());
        n.put("activatedAt", a.activatedAt().toString());
        n.put("activatedBy", a.activatedBy());
        ArrayNode files = n.putArray("files");
        a.ruleSet().files().all().keySet().forEach(files::add);
        ArrayNode rules = n.putArray("rules");
        a.ruleSet().rules().stream().map(RuleInfo::id).forEach(rules::add);
        return n;
    }

    /**
     * Every activation, newest first: the history rollbacks are made from. {@code note}: the note
     * given with the activation; {@code versionNote}: the latest note on the version it activated.
     */
    @GET
    @Path("/activations")
    @RolesAllowed({Roles.POLICY_OWNER, Roles.AUDITOR})
    public ArrayNode activations() {
        Map<Long, String> activationNotes = ruleSets.activationNotes();
        Map<String, VersionNote> versionNotes = ruleSets.latestNotes();
        ArrayNode list = JsonNodeFactory.instance.arrayNode();
        for (RuleSetActivation a : ruleSets.activations()) {
            ObjectNode n = mapper.valueToTree(a);
            n.put("note", activationNotes.get(a.seq()));
            VersionNote versionNote = versionNotes.get(a.version());
            n.put("versionNote", versionNote == null ? null : versionNote.note());
            list.add(n);
        }
        return list;
    }

    /**
     * Every validation run, newest first, recorded before it ran: its outcome (passed, refused,
     * timed_out, worker_failed), or none if the service stopped while it ran.
     */
    @GET
    @Path("/attempts")
    @RolesAllowed({Roles.POLICY_OWNER, Roles.AUDITOR})
    public List<ValidationAttempt> attempts() {
        return ruleSets.attempts(null);
    }

    /** What happened to the rules on disk: at startup, and at the last edit. */
    @GET
    @Path("/disk")
    @RolesAllowed({Roles.POLICY_OWNER, Roles.AUDITOR})
    public ObjectNode disk() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.putPOJO("startup", ruleSets.status().startup());
        n.putPOJO("lastEdit", ruleSets.status().lastDiskAttempt());
        n.put("twoPersonRule", ruleSets.twoPersonRule());
        return n;
    }

    @GET
    @Path("/{version}")
    @RolesAllowed({Roles.POLICY_OWNER, Roles.AUDITOR})
    public ObjectNode version(@PathParam("version") String version) {
        RuleSetCandidate c = candidate(version);
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("version", c.version());
        n.put("submittedAt", c.submittedAt().toString());
        n.put("submittedBy", c.submittedBy());
        n.put("origin", c.origin());
        n.put("passed", c.passed());
        n.put("active", ruleSets.activation().map(a -> a.ruleSet().version().equals(version)).orElse(false));
        ArrayNode approvals = n.putArray("approvals");
        ruleSets.approvals(version).forEach(a -> approvals.addObject().put("by", a.approvedBy()).put("at", a.approvedAt().toString()));
        ArrayNode files = n.putArray("files");
        ruleSets.find(version).ifPresent(s -> s.files().all().keySet().forEach(files::add));
        ArrayNode notesJson = n.putArray("notes");
        ruleSets.notesOf(version).forEach(note -> notesJson.addObject().put("note", note.note()).put("by", note.writtenBy())
                .put("at", note.writtenAt().toString()));
        n.set("report", c.report());
        return n;
    }

    /** The full sources of a version: {@code {"version", "files": {"<path>": "<content>"}}}. */
    @GET
    @Path("/{version}/source")
    @RolesAllowed({Roles.POLICY_OWNER, Roles.AUDITOR})
    public ObjectNode source(@PathParam("version") String version) {
        checkVersion(version);
        StoredRuleSet stored = ruleSets.find(version)
                .orElseThrow(() -> new NotFoundException("no rule-set version " + version));
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("version", version);
        ObjectNode files = n.putObject("files");
        stored.files().all().forEach(files::put);
        return n;
    }

    /**
     * What changed from {@code against} (default: the active version) to this version: per file,
     * unified hunks with the added and removed lines, and the changes in words; the notes of both
     * versions; where to see the impact on stored decisions. Read-only, for policy owners and auditors.
     */
    @GET
    @Path("/{version}/diff")
    @RolesAllowed({Roles.POLICY_OWNER, Roles.AUDITOR})
    public ObjectNode diff(@PathParam("version") String version, @QueryParam("against") String against) {
        String base = against == null || against.isBlank() ? ruleSets.active().version() : against.trim();
        RuleSetFiles after = stored(version);
        RuleSetFiles before = stored(base);
        ObjectNode n = mapper.valueToTree(RuleSetDiff.of(before, after));
        ObjectNode notesJson = n.putObject("notes");
        for (String v : List.of(version, base)) {
            ArrayNode list = notesJson.putArray(v);
            ruleSets.notesOf(v).forEach(note -> list.addObject().put("note", note.note()).put("by", note.writtenBy())
                    .put("at", note.writtenAt().toString()));
        }
        n.putObject("links").put("impact", "/api/rulesets/" + version + "/impact").put("impactJob", "/api/jobs")
                .put("page", "/policy/versions/" + version + "/diff?against=" + base);
        return n;
    }

    /**
     * Tries one questionnaire on a version and on the active version, side by side; nothing is
     * stored. Body {@code {"answers": {...}}}, or {@code {"decision": "<id>"}} to take the answers a
     * stored decision was given. A version not yet trusted runs in the confined worker.
     */
    @POST
    @Path("/{version}/try")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.POLICY_OWNER)
    public ObjectNode tryOn(@PathParam("version") String version, String body) {
        checkVersion(version);
        JsonNode request = TryRequest.read(body);
        JsonNode answers = request.has("decision") ? ruleSets.answersOf(request.get("decision").asText()) : request.get("answers");
        TryOut.Result result = ruleSets.tryOn(version, answers);
        ObjectNode n = mapper.valueToTree(result);
        n.put("version", version);
        n.put("activeVersion", result.active().version());
        return n;
    }

    /**
     * A candidate: the active version with the uploaded files added, replaced or ("" content)
     * removed, with the submitter's optional {@code note} on why it changes the policy. 201 with its
     * report (200 if that exact version was submitted before); 422 with the report if it does not
     * compile or is refused by the safety check.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.POLICY_OWNER)
    public Response upload(String body) {
        if (body != null && body.length() > limits.rulesetLimit()) {
            throw new PayloadTooLargeException(limits.rulesetLimit());
        }
        RuleSetUpload.Upload upload = RuleSetUpload.read(body);
        RuleSetFiles candidate = ruleSets.active().files().with(upload.changes());
        RuleSetPipeline.Result result = ruleSets.submit(candidate, RuleSetPipeline.Origin.UPLOAD,
                identity.getPrincipal().getName(), upload.note());
        if (result.report().unfinished()) {
            return Problem.withReport(422, "rule-set-validation-unfinished", "the rule set could not be validated",
                    result.report().problems().get(0), result.report().errors(), result.report().json());
        }
        if (!result.report().compiled()) {
            return Problem.withReport(422, "rule-set-refused", "the rule set does not compile",
                    result.report().problems().size() + " problems; see errors", result.report().errors(), result.report().json());
        }
        return Response.status(result.isNew() ? Response.Status.CREATED : Response.Status.OK)
                .header("Location", "/api/rulesets/" + candidate.version())
                .entity(version(candidate.version()))
                .build();
    }

    @POST
    @Path("/{version}/approve")
    @RolesAllowed(Roles.POLICY_OWNER)
    public ObjectNode approve(@PathParam("version") String version) {
        checkVersion(version);
        ruleSets.approve(version, identity.getPrincipal().getName());
        return version(version);
    }

    /**
     * Makes a version active (activating an older one is the rollback); 409 if it failed validation
     * or lacks approval. An optional body {@code {"note": "..."}} says why, and is kept with the activation.
     */
    @POST
    @Path("/{version}/activate")
    @RolesAllowed(Roles.POLICY_OWNER)
    public Activator.Activated activate(@PathParam("version") String version, String body) {
        checkVersion(version);
        return ruleSets.activate(version, identity.getPrincipal().getName(), "activated by a policy owner",
                ActivationBody.note(body));
    }

    /**
     * Starts the replay of stored decisions (all, or created in [from, to)) on a version, to report
     * what would change, as a background job: 202 at once with the job and {@code Location:
     * /api/jobs/{id}}, where its progress and, once done, its report are. An identical analysis
     * still running is returned instead of a second one ({@code "reused": true}).
     */
    @POST
    @Path("/{version}/impact")
    @RolesAllowed(Roles.POLICY_OWNER)
    public Response impact(@PathParam("version") String version, @QueryParam("from") String from,
                           @QueryParam("to") String to) {
        checkVersion(version);
        DecisionQuery window = ListParameters.query(null, null, from, to, null, null);
        Jobs.Started started = ruleSets.startImpact(version, window.from(), window.to(), identity.getPrincipal().getName());
        ObjectNode json = JobJson.of(started.job()).put("reused", started.reused());
        return Response.accepted(json).header("Location", "/api/jobs/" + started.job().id()).build();
    }

    private RuleSetFiles stored(String version) {
        checkVersion(version);
        return ruleSets.find(version).orElseThrow(() -> new NotFoundException("no rule-set version " + version)).files();
    }

    private RuleSetCandidate candidate(String version) {
        checkVersion(version);
        return ruleSets.candidate(version).orElseThrow(() -> new NotFoundException("no rule-set version " + version));
    }

    private static void checkVersion(String version) {
        if (!Sha256.looksLikeHash(version)) {
            throw new NotFoundException("'" + version + "' is not a rule-set version (sha256:<64 hex digits>)");
        }
    }
}
