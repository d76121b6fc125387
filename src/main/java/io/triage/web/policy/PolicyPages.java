package io.triage.web.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.security.identity.SecurityIdentity;
import io.triage.app.RuleSetLifecycle;
import io.triage.common.InputError;
import io.triage.common.InvalidInputException;
import io.triage.history.DecisionQuery;
import io.triage.history.Job;
import io.triage.history.RuleSetCandidate;
import io.triage.history.StoredRuleSet;
import io.triage.http.Html;
import io.triage.http.ListParameters;
import io.triage.jobs.Jobs;
import io.triage.jobs.JobsBusyException;
import io.triage.json.CanonicalJson;
import io.triage.json.Sha256;
import io.triage.policy.ActivationRefusedException;
import io.triage.policy.Activator;
import io.triage.policy.CandidateReport;
import io.triage.policy.ChangeNote;
import io.triage.policy.ImpactAnalysis;
import io.triage.policy.RuleSetPipeline;
import io.triage.policy.TryOut;
import io.triage.questionnaire.Questionnaire;
import io.triage.questionnaire.QuestionnaireParser;
import io.triage.rules.RuleSetFiles;
import io.triage.security.Roles;
import io.triage.web.DiffView;
import io.triage.web.JobStatus;
import io.triage.web.JobView;
import io.triage.web.PageForm;
import io.triage.web.VersionComparison;
import io.triage.web.presales.AnswerForm;
import io.triage.web.presales.FormView;
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
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.core.CurrentRequestManager;
import org.jboss.resteasy.reactive.server.core.multipart.FormData;
import org.jboss.resteasy.reactive.server.multipart.FormValue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Policy owners in the browser: the active version and history, one version's report and sources,
 * upload or edit a candidate, impact analysis, activate, approve, roll back. Every action goes
 * through the same services as {@code /api/rulesets}.
 */
@Path("/policy")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Roles.POLICY_OWNER)
public class PolicyPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance index(PolicyOverview overview, String message);

        static native TemplateInstance version(VersionView view, List<NoteRow> notes, List<JobView> jobs, String message,
                                               String error);

        static native TemplateInstance file(String version, SourceListing listing);

        static native TemplateInstance upload(UploadForm form);

        static native TemplateInstance impact(ImpactView impact);

        static native TemplateInstance map(io.triage.rules.PolicyMap map, java.util.Map<String, String> titles);

        static native TemplateInstance diff(DiffView diff);

        static native TemplateInstance job(JobView job);

        static native TemplateInstance tryIt(TryView view);

        static native TemplateInstance editor(EditorView view);
    }

    private static final String ACTIVATION_REASON = "activated by a policy owner";

    private final RuleSetLifecycle ruleSets;
    private final ImpactAnalysis impact;
    private final SecurityIdentity identity;
    private final long fieldLimit;
    private final VersionComparison comparison;
    private final Jobs jobs;
    private final ObjectMapper mapper;

    PolicyPages(RuleSetLifecycle ruleSets, ImpactAnalysis impact, SecurityIdentity identity,
                @ConfigProperty(name = "quarkus.http.limits.max-form-attribute-size", defaultValue = "2048")
                MemorySize fieldLimit, VersionComparison comparison, Jobs jobs, ObjectMapper mapper) {
        this.ruleSets = ruleSets;
        this.jobs = jobs;
        this.mapper = mapper;
        this.comparison = comparison;
        this.impact = impact;
        this.identity = identity;
        this.fieldLimit = fieldLimit.asLongValue();
    }

    /**
     * The policy map of the active version: each source of guidance with the rules that encode it and
     * the codes they conclude, for checking the policy against the guidance section by section.
     */
    @GET
    @Path("/map")
    @RolesAllowed({Roles.POLICY_OWNER, Roles.AUDITOR})
    public TemplateInstance map() {
        io.triage.rules.RuleSet ruleSet = ruleSets.active();
        java.util.Map<String, String> titles = new java.util.HashMap<>();
        ruleSet.catalogue().entries().forEach(e -> titles.put(e.code(), e.title()));
        return Templates.map(io.triage.rules.PolicyMap.of(ruleSet), titles);
    }

    @GET
    public TemplateInstance index(@QueryParam("activated") boolean activated, @QueryParam("unchanged") boolean unchanged) {
        PolicyOverview overview = overview();
        String message = null;
        if (overview.active() != null && (activated || unchanged)) {
            message = "Version " + overview.active().version() + (activated ? " is now active." : " was already active.");
        }
        return Templates.index(overview, message);
    }

    @GET
    @Path("/versions/{version}")
    public TemplateInstance version(@PathParam("version") String version, @QueryParam("activated") boolean activated,
                                    @QueryParam("unchanged") boolean unchanged, @QueryParam("approved") boolean approved,
                                    @QueryParam("submitted") boolean submitted) {
        VersionView view = view(version);
        String message = activated && view.active() ? "Version " + version + " is now active."
                : unchanged && view.active() ? "Version " + version + " was already active; nothing changed."
                : approved ? "Your approval is recorded: another policy owner can now activate this version."
                : submitted ? "Your candidate was validated and stored as this version." : null;
        return Templates.version(view, notes(version), impactJobs(version), message, null);
    }

    @GET
    @Path("/versions/{version}/files")
    public TemplateInstance file(@PathParam("version") String version, @QueryParam("path") String path) {
        RuleSetCandidate candidate = candidate(version);
        String content = sources(version).filter(f -> path != null).map(f -> f.get(path))
                .orElseThrow(() -> new NotFoundException("version " + version + " has no file '" + path + "'"));
        return Templates.file(version, SourceListing.of(path, content, VersionView.errorsOf(candidate.report())));
    }

    /** This version compared with another ({@code against}, default the active one): files, lines, changes in words, notes. */
    @GET
    @Path("/versions/{version}/diff")
    public TemplateInstance diff(@PathParam("version") String version, @QueryParam("against") String against) {
        candidate(version);
        return Templates.diff(comparison.view(version, against));
    }

    /**
     * The upload form; {@code edit} opens a file in it, as the active version has it or, with
     * {@code from}, as another version has it (to carry a fix of a refused candidate forward).
     */
    @GET
    @Path("/upload")
    public TemplateInstance uploadForm(@QueryParam("edit") String edit, @QueryParam("from") String from) {
        if (edit == null || edit.isBlank()) {
            return Templates.upload(form("", "", List.of(), null));
        }
        String path = RuleSetFiles.pathOf(edit.trim());
        String source = from == null || from.isBlank() ? ruleSets.active().version() : candidate(from).version();
        String content = sources(source).map(f -> f.get(path))
                .orElseThrow(() -> new NotFoundException("version " + source + " has no file '" + path + "'"));
        return Templates.upload(form(path, content, List.of(), source));
    }

    /**
     * A candidate from the form, exactly as {@code POST /api/rulesets} makes one: the active version
     * with the typed file and any chosen files added, replaced or (empty content) removed. The
     * pipeline stores it whether it passes or not, so the version page shows its report either way.
     */
    @POST
    @Path("/upload")
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.MULTIPART_FORM_DATA})
    public Response upload() {
        String name = Optional.ofNullable(PageForm.first("path")).orElse("").trim();
        // browsers send a textarea's line breaks as CRLF; the files on disk use LF
        String content = Optional.ofNullable(PageForm.first("content")).orElse("").replace("\r\n", "\n");
        Map<String, String> changes = new LinkedHashMap<>();
        if (!name.isEmpty()) {
            changes.put(RuleSetFiles.pathOf(name), content);
        } else if (!content.isEmpty()) {
            return badForm(name, content, List.of("Name the file you typed: for example rules/60-batch.drl or test-cases/my-case.yaml."));
        }
        chosenFiles().forEach((fileName, text) -> changes.put(RuleSetFiles.pathOf(fileName), text));
        if (changes.isEmpty()) {
            return badForm(name, content, List.of("Name a file and type its content, or choose files to upload."));
        }
        RuleSetFiles candidate;
        String note;
        try {
            candidate = ruleSets.active().files().with(changes);
            note = ChangeNote.clean(PageForm.first("note"));
        } catch (InvalidInputException e) {
            return badForm(name, content, e.errors().stream().map(InputError::describe).toList());
        }
        RuleSetPipeline.Result result = ruleSets.submit(candidate, RuleSetPipeline.Origin.UPLOAD, identity.getPrincipal().getName(), note);
        if (result.report().unfinished()) {
            return badForm(name, content, List.of("This candidate could not be validated: " + result.report().problems().get(0)
                    + ". Nothing was activated; the attempt is recorded in the history."));
        }
        return Response.seeOther(URI.create("/policy/versions/" + candidate.version() + "?submitted=true")).build();
    }

    /** Activates (or rolls back to) a version; a refusal is shown on the version page and changes nothing. */
    @POST
    @Path("/versions/{version}/activate")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response activate(@PathParam("version") String version) {
        candidate(version);
        Activator.Activated done;
        try {
            done = ruleSets.activate(version, identity.getPrincipal().getName(), ACTIVATION_REASON,
                    ChangeNote.clean(PageForm.first("note")));
        } catch (ActivationRefusedException e) {
            return refused(version, 409, "Nothing was changed: " + e.getMessage() + ".");
        } catch (InvalidInputException e) {
            return refused(version, 400, "Nothing was changed: " + e.errors().stream().map(InputError::describe)
                    .collect(java.util.stream.Collectors.joining("; ")) + ".");
        }
        String outcome = done.changed() ? "activated=true" : "unchanged=true";
        String page = "overview".equals(PageForm.first("return")) ? "/policy" : "/policy/versions/" + version;
        return Response.seeOther(URI.create(page + "?" + outcome)).build();
    }

    @POST
    @Path("/versions/{version}/approve")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response approve(@PathParam("version") String version) {
        candidate(version);
        try {
            ruleSets.approve(version, identity.getPrincipal().getName());
        } catch (ActivationRefusedException e) {
            return refused(version, 409, "Nothing was approved: " + e.getMessage() + ".");
        }
        return Response.seeOther(URI.create("/policy/versions/" + version + "?approved=true")).build();
    }

    /** Replays stored decisions (all, or made in the given dates) on the version and shows what would change. */
    @POST
    @Path("/versions/{version}/impact")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response impact(@PathParam("version") String version) {
        candidate(version);
        try {
            DecisionQuery window = ListParameters.query(null, null, PageForm.first("from"), PageForm.first("to"), null, null);
            ImpactAnalysis.Report report = impact.analyze(version, window.from(), window.to());
            return Html.page(200, Templates.impact(ImpactView.of(report)));
        } catch (InvalidInputException e) {
            return refused(version, 400, "The impact analysis could not run: " + e.errors().stream().map(InputError::describe)
                    .collect(java.util.stream.Collectors.joining("; ")));
        } catch (ActivationRefusedException e) {
            return refused(version, 409, "The impact analysis could not run: " + e.getMessage() + ".");
        }
    }

    /**
     * The workbench editor on a version ({@code base}, default the active one): the files chosen with
     * {@code open} (by default those with findings, else every file under rules/), each in a code
     * editor with the version's errors and warnings marked at their line and column.
     */
    @GET
    @Path("/editor")
    public TemplateInstance editor(@QueryParam("base") String base, @QueryParam("open") List<String> open,
                                   @QueryParam("refused") boolean refused) {
        String version = base == null || base.isBlank() ? ruleSets.active().version() : base.trim();
        RuleSetCandidate candidate = candidate(version);
        int problems = new CandidateReport(candidate.report()).problems().size();
        String message = refused ? "Your candidate was stored as this version, and refused: " + problems
                + (problems == 1 ? " problem, marked below at its place. Fix it" : " problems, marked below at their place. Fix them")
                + " and submit again." : null;
        return Templates.editor(editorView(candidate, open == null ? List.of() : open, Map.of(), "", "", "", message, List.of()));
    }

    /**
     * A candidate from the editor: the base version with every edited file replaced, files marked
     * for removal removed and the new file added, validated and stored like any upload. If it
     * passes, its version page; if it is refused, the editor on it, its findings marked.
     */
    @POST
    @Path("/editor")
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.MULTIPART_FORM_DATA})
    public Response saveEditor() {
        Map<String, List<String>> form = PageForm.fields();
        RuleSetCandidate base = candidate(Optional.ofNullable(PageForm.first("base")).orElse("").trim());
        RuleSetFiles baseFiles = sources(base.version()).orElseThrow(() -> new NotFoundException("version " + base.version()
                + " has no stored sources"));
        List<String> paths = form.getOrDefault("path", List.of());
        List<String> contents = form.getOrDefault("content", List.of());
        Map<String, String> typed = new LinkedHashMap<>();
        for (int i = 0; i < paths.size() && i < contents.size(); i++) {
            // browsers send a text box's line breaks as CRLF; the files use LF
            typed.put(paths.get(i), contents.get(i).replace("\r\n", "\n"));
        }
        String newPath = Optional.ofNullable(PageForm.first("newPath")).orElse("").trim();
        String newContent = Optional.ofNullable(PageForm.first("newContent")).orElse("").replace("\r\n", "\n");
        String noteText = Optional.ofNullable(PageForm.first("note")).orElse("");
        Map<String, String> changes = new LinkedHashMap<>();
        typed.forEach((path, content) -> {
            if (!content.equals(baseFiles.get(path))) {
                changes.put(path, content);
            }
        });
        form.getOrDefault("remove", List.of()).forEach(path -> changes.put(path, ""));
        if (!newPath.isEmpty()) {
            changes.put(RuleSetFiles.pathOf(newPath), newContent);
        } else if (!newContent.isBlank()) {
            return badEditor(base, typed, newPath, newContent, noteText, List.of("Name the new file: for example rules/60-batch.drl or test-cases/my-case.yaml."));
        }
        if (changes.isEmpty()) {
            return badEditor(base, typed, newPath, newContent, noteText, List.of("Nothing was changed, so there is no new candidate."));
        }
        RuleSetFiles candidateFiles;
        String note;
        try {
            candidateFiles = baseFiles.with(changes);
            note = ChangeNote.clean(noteText);
        } catch (InvalidInputException e) {
            return badEditor(base, typed, newPath, newContent, noteText, e.errors().stream().map(InputError::describe).toList());
        }
        RuleSetPipeline.Result result = ruleSets.submit(candidateFiles, RuleSetPipeline.Origin.UPLOAD, identity.getPrincipal().getName(), note);
        if (result.report().unfinished()) {
            return badEditor(base, typed, newPath, newContent, noteText, List.of("This candidate could not be validated: "
                    + result.report().problems().get(0) + ". Nothing was activated; the attempt is recorded in the history."));
        }
        String version = candidateFiles.version();
        return Response.seeOther(URI.create(result.passed() ? "/policy/versions/" + version + "?submitted=true"
                : "/policy/editor?base=" + version + "&refused=true")).build();
    }

    private Response badEditor(RuleSetCandidate base, Map<String, String> typed, String newPath, String newContent,
                               String note, List<String> errors) {
        return Html.page(400, Templates.editor(editorView(base, List.copyOf(typed.keySet()), typed, newPath, newContent, note, null, errors)));
    }

    private EditorView editorView(RuleSetCandidate base, List<String> open, Map<String, String> typed, String newPath,
                                  String newContent, String note, String message, List<String> errors) {
        RuleSetFiles files = sources(base.version()).orElseThrow(() -> new NotFoundException("version " + base.version()
                + " has no stored sources"));
        List<InputError> warnings = EditorView.warningsOf(base.report());
        List<InputError> findings = EditorView.placed(base.report(), warnings);
        java.util.Set<InputError> warningSet = new java.util.HashSet<>(warnings);
        List<String> opened = open.stream().filter(p -> files.get(p) != null || typed.containsKey(p)).distinct().toList();
        if (opened.isEmpty()) {
            opened = findings.stream().map(InputError::file).filter(p -> p != null && files.get(p) != null).distinct().toList();
        }
        if (opened.isEmpty()) {
            opened = files.all().keySet().stream().filter(p -> p.startsWith(RuleSetFiles.RULES)).toList();
        }
        List<EditorView.OpenFile> openFiles = new java.util.ArrayList<>();
        for (String path : opened) {
            String content = typed.getOrDefault(path, files.get(path));
            openFiles.add(EditorView.open(openFiles.size(), path, content == null ? "" : content, findings, warningSet));
        }
        List<String> openedPaths = opened;
        List<EditorView.FileRow> rows = files.all().keySet().stream().map(p -> new EditorView.FileRow(p, openedPaths.contains(p),
                (int) findings.stream().filter(f -> p.equals(f.file())).count())).toList();
        return new EditorView(base.version(), base.passed(), base.report().path("compiled").asBoolean(), message, errors, rows,
                openFiles, newPath, newContent, note, findings.size());
    }

    /**
     * The test bench: the version's questionnaire, empty or with the answers a stored decision was
     * given ({@code decision}), to run on the version and the active version side by side.
     */
    @GET
    @Path("/versions/{version}/try")
    public Response tryForm(@PathParam("version") String version, @QueryParam("decision") String decision) {
        candidate(version);
        Questionnaire questionnaire = questionnaireOf(version);
        String activeVersion = ruleSets.active().version();
        if (decision == null || decision.isBlank()) {
            return Html.page(200, Templates.tryIt(TryView.form(version, activeVersion, FormView.of(questionnaire, Map.of(), List.of()),
                    null, null)));
        }
        try {
            Map<String, String> raw = AnswerForm.raw(questionnaire, ruleSets.answersOf(decision.trim()));
            return Html.page(200, Templates.tryIt(TryView.form(version, activeVersion, FormView.of(questionnaire, raw, List.of()),
                    decision.trim(), null)));
        } catch (NotFoundException e) {
            return Html.page(404, Templates.tryIt(TryView.form(version, activeVersion, FormView.of(questionnaire, Map.of(), List.of()),
                    decision.trim(), "There is no stored decision '" + decision.trim() + "'.")));
        }
    }

    /** Runs the typed questionnaire on the version (in the confined worker unless it is active) and on the active version. */
    @POST
    @Path("/versions/{version}/try")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response tryRun(@PathParam("version") String version) {
        candidate(version);
        Questionnaire questionnaire = questionnaireOf(version);
        Map<String, String> raw = AnswerForm.raw(questionnaire, PageForm.fields());
        ObjectNode answers = AnswerForm.answers(questionnaire, raw);
        String stamp = java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(java.time.ZoneOffset.UTC)
                .format(Instant.now());
        return tried(version, questionnaire, raw, answers, "tried-" + stamp, null, List.of(), 200);
    }

    /**
     * Saves what was tried as a golden case of a new candidate: this version's files plus
     * {@code test-cases/<name>.yaml} expecting what this version recommended (and, where the active
     * version recommended more, that those stay absent), validated like any candidate.
     */
    @POST
    @Path("/versions/{version}/golden-case")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response saveGoldenCase(@PathParam("version") String version) {
        candidate(version);
        Questionnaire questionnaire = questionnaireOf(version);
        JsonNode answers;
        try {
            answers = CanonicalJson.parse(Optional.ofNullable(PageForm.first("answers")).orElse("{}"));
        } catch (RuntimeException e) {
            answers = null;
        }
        if (answers == null || !answers.isObject()) {
            throw new jakarta.ws.rs.BadRequestException("the form's answers are not a JSON object");
        }
        Map<String, String> raw = AnswerForm.raw(questionnaire, answers);
        String name = Optional.ofNullable(PageForm.first("name")).orElse("").trim();
        String description = PageForm.first("description");
        TryOut.Result result = ruleSets.tryOn(version, answers);
        RuleSetFiles files;
        String note;
        try {
            files = ruleSets.withGoldenCase(version, name, description, result);
            note = ChangeNote.clean(Optional.ofNullable(PageForm.first("note")).filter(n -> !n.isBlank())
                    .orElse("Golden case " + name + ", saved from the test bench."));
        } catch (InvalidInputException e) {
            return tried(version, questionnaire, raw, answers, name, description, TryView.describe(e.errors()), 400);
        }
        RuleSetPipeline.Result submitted = ruleSets.submit(files, RuleSetPipeline.Origin.UPLOAD, identity.getPrincipal().getName(), note);
        if (submitted.report().unfinished()) {
            return tried(version, questionnaire, raw, answers, name, description,
                    List.of("The new candidate could not be validated: " + submitted.report().problems().get(0)), 409);
        }
        return Response.seeOther(URI.create("/policy/versions/" + files.version() + "?submitted=true")).build();
    }

    private Response tried(String version, Questionnaire questionnaire, Map<String, String> raw, JsonNode answers, String name,
                           String description, List<String> saveErrors, int status) {
        String activeVersion = ruleSets.active().version();
        TryOut.Result result = ruleSets.tryOn(version, answers);
        List<InputError> answerErrors = result.candidate().answerErrors();
        String suggested = description != null ? description : result.candidate().codes().isEmpty() ? "Nothing is recommended on these answers."
                : "On these answers " + String.join(", ", result.candidate().codes()) + (result.candidate().codes().size() == 1 ? " is" : " are")
                + " recommended.";
        return Html.page(status, Templates.tryIt(TryView.result(version, activeVersion, FormView.of(questionnaire, raw, answerErrors),
                result, Optional.of(questionnaire), Optional.of(ruleSets.active().questionnaire()), name, suggested, saveErrors)));
    }

    private Questionnaire questionnaireOf(String version) {
        String source = sources(version).map(f -> f.get(RuleSetFiles.QUESTIONNAIRE))
                .orElseThrow(() -> new NotFoundException("version " + version + " has no questionnaire"));
        try {
            return QuestionnaireParser.parse(RuleSetFiles.QUESTIONNAIRE, source);
        } catch (InvalidInputException e) {
            throw new ActivationRefusedException("the questionnaire of version " + version + " cannot be read");
        }
    }

    /** Starts the impact analysis as a background job and shows its progress page. */
    @POST
    @Path("/versions/{version}/impact-job")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response impactJob(@PathParam("version") String version) {
        candidate(version);
        try {
            DecisionQuery window = ListParameters.query(null, null, PageForm.first("from"), PageForm.first("to"), null, null);
            Job job = jobs.startImpact(version, window.from(), window.to(), identity.getPrincipal().getName()).job();
            return Response.seeOther(URI.create("/policy/jobs/" + job.id())).build();
        } catch (InvalidInputException e) {
            return refused(version, 400, "The impact analysis could not start: " + e.errors().stream().map(InputError::describe)
                    .collect(java.util.stream.Collectors.joining("; ")));
        } catch (ActivationRefusedException | JobsBusyException e) {
            return refused(version, 409, "The impact analysis could not start: " + e.getMessage() + ".");
        }
    }

    /** A background impact analysis: its progress while it runs (the page refreshes itself), its figures once done. */
    @GET
    @Path("/jobs/{id}")
    public TemplateInstance job(@PathParam("id") String id) {
        return Templates.job(JobView.of(findImpactJob(id), "/policy/jobs", true));
    }

    /** The job's progress for the page's script: state, done, total, percent and the text under the bar. */
    @GET
    @Path("/jobs/{id}/status")
    @Produces(MediaType.APPLICATION_JSON)
    public JobStatus jobStatus(@PathParam("id") String id) {
        return JobStatus.of(findImpactJob(id));
    }

    /** A finished analysis in full, as the synchronous analysis shows it. */
    @GET
    @Path("/jobs/{id}/result")
    public TemplateInstance jobResult(@PathParam("id") String id) {
        Job job = findImpactJob(id);
        if (job.result() == null) {
            throw new NotFoundException("job " + id + " has no result (it is " + job.state() + ")");
        }
        try {
            return Templates.impact(ImpactView.of(mapper.readValue(job.result(), ImpactAnalysis.Report.class)));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("the stored result of job " + id + " cannot be read", e);
        }
    }

    @POST
    @Path("/jobs/{id}/cancel")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response cancelJob(@PathParam("id") String id) {
        findImpactJob(id);
        jobs.cancel(id);
        return Response.seeOther(URI.create("/policy/jobs/" + id)).build();
    }

    private Job findImpactJob(String id) {
        return jobs.find(id).filter(j -> Jobs.Kind.IMPACT.id().equals(j.kind()))
                .orElseThrow(() -> new NotFoundException("no impact analysis " + id));
    }

    private List<JobView> impactJobs(String version) {
        return jobs.list(Jobs.Kind.IMPACT.id(), version, 10).stream().map(j -> JobView.of(j, "/policy/jobs", true)).toList();
    }

    private PolicyOverview overview() {
        return PolicyOverview.of(ruleSets.activation(), ruleSets.twoPersonRule(), ruleSets.status(), ruleSets.candidates(),
                ruleSets.activations(), ruleSets.attempts(null), ruleSets.latestNotes(), ruleSets.activationNotes());
    }

    private VersionView view(String version) {
        RuleSetCandidate candidate = candidate(version);
        Optional<String> current = ruleSets.activation().map(a -> a.ruleSet().version());
        Instant activeSubmitted = current.flatMap(ruleSets::candidate).map(RuleSetCandidate::submittedAt).orElse(null);
        return VersionView.of(candidate, sources(version), current.map(version::equals).orElse(false),
                PolicyOverview.isOlder(candidate.submittedAt(), activeSubmitted), ruleSets.twoPersonRule(),
                ruleSets.approvals(version));
    }

    private List<NoteRow> notes(String version) {
        return ruleSets.notesOf(version).stream().map(NoteRow::of).toList();
    }

    private Response refused(String version, int status, String error) {
        return Html.page(status, Templates.version(view(version), notes(version), impactJobs(version), null, error));
    }

    private Response badForm(String path, String content, List<String> errors) {
        return Html.page(400, Templates.upload(form(path, content, errors, null)));
    }

    /** @param editedFrom the version whose copy of the file is in the form, or null */
    private UploadForm form(String path, String content, List<String> errors, String editedFrom) {
        boolean tooLarge = content.getBytes(StandardCharsets.UTF_8).length > fieldLimit;
        return new UploadForm(path, content, errors, ruleSets.active().version(), editedFrom, fieldLimit, tooLarge,
                Optional.ofNullable(PageForm.first("note")).orElse(""));
    }

    private RuleSetCandidate candidate(String version) {
        if (!Sha256.looksLikeHash(version)) {
            throw new NotFoundException("'" + version + "' is not a rule-set version (sha256:<64 hex digits>)");
        }
        return ruleSets.candidate(version).orElseThrow(() -> new NotFoundException("no rule-set version " + version));
    }

    private Optional<RuleSetFiles> sources(String version) {
        return ruleSets.find(version).map(StoredRuleSet::files);
    }

    /**
     * The files chosen in the form's file input, by their own names. A form field holds at most
     * {@code quarkus.http.limits.max-form-attribute-size}; a file part is not limited by it.
     */
    private static Map<String, String> chosenFiles() {
        Map<String, String> files = new LinkedHashMap<>();
        FormData data = CurrentRequestManager.get().getFormData();
        if (data == null || data.get("file") == null) {
            return files;
        }
        for (FormValue v : data.get("file")) {
            String fileName = v.getFileName();
            if (v.isFileItem() && fileName != null && !fileName.isBlank()) {
                try (InputStream in = v.getFileItem().getInputStream()) {
                    // some browsers send a full client path; only the name counts
                    String bare = fileName.substring(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
                    files.put(bare, new String(in.readAllBytes(), StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read the uploaded file " + fileName, e);
                }
            }
        }
        return files;
    }
}
