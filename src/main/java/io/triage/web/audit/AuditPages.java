package io.triage.web.audit;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import io.triage.audit.BulkReplay;
import io.triage.audit.BundleExporter;
import io.triage.audit.ChainVerifier;
import io.triage.audit.ReplayAllReport;
import io.triage.audit.ReplayService;
import io.triage.common.InvalidInputException;
import io.triage.common.StoreUnavailableException;
import io.triage.decision.DecisionList;
import io.triage.decision.DecisionService;
import io.triage.decision.DecisionSummary;
import io.triage.engine.EvaluationException;
import io.triage.explain.ExplainService;
import io.triage.history.Job;
import io.triage.history.RuleSetApproval;
import io.triage.history.RuleSetCandidate;
import io.triage.history.StoredDecision;
import io.triage.history.VersionNote;
import io.triage.http.Html;
import io.triage.http.ListParameters;
import io.triage.jobs.Jobs;
import io.triage.json.CanonicalJson;
import io.triage.json.Sha256;
import io.triage.app.RuleSetLifecycle;
import io.triage.rules.Catalogue;
import io.triage.security.AccessLog;
import io.triage.security.Roles;
import io.triage.web.DecisionView;
import io.triage.web.DiffView;
import io.triage.web.ExplainView;
import io.triage.web.JobStatus;
import io.triage.web.JobView;
import io.triage.web.PageForm;
import io.triage.web.QuestionnaireVersions;
import io.triage.web.VersionComparison;
import io.triage.web.policy.NoteRow;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import io.triage.rules.UnknownVersionException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * Auditors in the browser: the decision list with filters, a decision's detail with replay and
 * export, chain verification, bulk replay and the rule-set history. Every page calls the same
 * services as {@code /api/decisions}, {@code /api/audit} and {@code /api/rulesets}.
 */
@Path("/audit")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Roles.AUDITOR)
public class AuditPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance decisions(DecisionFilters filters, List<DecisionSummary> items, String next,
                                                 ChainView chain, ReplayAllReport replayAll);

        static native TemplateInstance decision(DecisionView decision, long seq, List<String> replayTargets,
                                                String replayTarget, String replayError, ReplayView replay,
                                                ExplainView explain, String explainProblem);

        static native TemplateInstance access(List<AccessLog.Entry> entries, String next);

        static native TemplateInstance rulesets(List<RuleSetViews.VersionRow> versions, List<RuleSetViews.ActivationRow> activations);

        static native TemplateInstance ruleset(RuleSetViews.VersionRow version, List<RuleSetApproval> approvals,
                                               List<RuleSetViews.SourceFile> files, List<NoteRow> notes);

        static native TemplateInstance diff(DiffView diff);

        static native TemplateInstance job(JobView job, List<JobView> replayJobs);
    }

    private final DecisionService decisions;
    private final ReplayService replays;
    private final BundleExporter exporter;
    private final ChainVerifier verifier;
    private final BulkReplay bulkReplay;
    private final RuleSetLifecycle ruleSets;
    private final QuestionnaireVersions questionnaires;
    private final AccessLog accessLog;
    private final VersionComparison comparison;
    private final Jobs jobs;
    private final SecurityIdentity identity;
    private final ExplainService explanations;

    AuditPages(DecisionService decisions, ReplayService replays, BundleExporter exporter, ChainVerifier verifier,
               BulkReplay bulkReplay, RuleSetLifecycle ruleSets,
               QuestionnaireVersions questionnaires, AccessLog accessLog, VersionComparison comparison, Jobs jobs,
               SecurityIdentity identity, ExplainService explanations) {
        this.explanations = explanations;
        this.jobs = jobs;
        this.identity = identity;
        this.comparison = comparison;
        this.decisions = decisions;
        this.replays = replays;
        this.exporter = exporter;
        this.verifier = verifier;
        this.bulkReplay = bulkReplay;
        this.ruleSets = ruleSets;
        this.questionnaires = questionnaires;
        this.accessLog = accessLog;
    }

    /** Newest first, 20 a page; bad filter values are shown next to their fields (400) instead of a list. */
    @GET
    public Response decisions(@QueryParam("from") String from, @QueryParam("to") String to,
                              @QueryParam("code") String code, @QueryParam("user") String user,
                              @QueryParam("before") String before) {
        DecisionFilters filters = DecisionFilters.of(from, to, code, user, knownCodes());
        try {
            DecisionList page = decisions.page(ListParameters.query(ListParameters.DEFAULT_LIMIT, before, from, to, code, user));
            return Html.page(200, Templates.decisions(filters, page.items(), page.next(), null, null));
        } catch (InvalidInputException e) {
            return Html.page(400, Templates.decisions(filters.withErrors(e.errors()), List.of(), null, null, null));
        }
    }

    /** Walks the whole chain and shows the result above an unfiltered first page. */
    @POST
    @Path("/chain")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response verifyChain() {
        return firstPageWith(ChainView.of(verifier.verify()), null);
    }

    /** Replays every stored decision on its own version and shows how many still match. */
    @POST
    @Path("/replay")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response replayAll() {
        return firstPageWith(null, bulkReplay.replayAll(null, null));
    }

    @GET
    @Path("/decisions/{id}")
    public TemplateInstance decision(@PathParam("id") String id) {
        return detail(find(id), null, null, null);
    }

    /** Replays on the decision's own version, the active one or a stored one, and shows the result on the detail. */
    @POST
    @Path("/decisions/{id}/replay")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response replay(@PathParam("id") String id) {
        StoredDecision stored = find(id);
        String target = PageForm.first("ruleset");
        target = target == null || target.isBlank() ? null : target.trim();
        if (target != null && !ReplayService.ACTIVE.equals(target) && !Sha256.looksLikeHash(target)) {
            return Html.page(400, detail(stored, target, "'" + target + "' is not a rule-set version; choose 'active' or a stored "
                    + "version (sha256:<64 hex digits>)", null));
        }
        try {
            return Html.page(200, detail(stored, target, null, ReplayView.of(replays.replay(stored, target))));
        } catch (NotFoundException | UnknownVersionException e) {
            return Html.page(400, detail(stored, target, "rule-set version " + target + " is not stored", null));
        }
    }

    /** The same bundle as {@code GET /api/decisions/{id}/export}, as a download. */
    @GET
    @Path("/decisions/{id}/export")
    @Produces(MediaType.APPLICATION_JSON)
    public Response export(@PathParam("id") String id) {
        return Response.ok(CanonicalJson.string(exporter.export(id)), MediaType.APPLICATION_JSON_TYPE)
                .header("Content-Disposition", "attachment; filename=\"decision-" + id + ".json\"")
                .build();
    }

    /** Logins and logouts, failed logins (a burst as one row with its count) and account changes, newest first, 50 a page. */
    @GET
    @Path("/access")
    public TemplateInstance access(@QueryParam("before") String before) {
        var page = ListParameters.query(50, before, null, null, null, null);
        AccessLog.Page entries = accessLog.page(page.limit(), page.before());
        return Templates.access(entries.items(), entries.next() == null ? null : entries.next().toString());
    }

    @GET
    @Path("/rulesets")
    public TemplateInstance rulesets() {
        String current = activeVersion();
        Map<String, VersionNote> latest = ruleSets.latestNotes();
        Map<Long, String> activationNotes = ruleSets.activationNotes();
        return Templates.rulesets(ruleSets.candidates().stream().map(c -> RuleSetViews.VersionRow.of(c, current, latest)).toList(),
                ruleSets.activations().stream().map(a -> new RuleSetViews.ActivationRow(a, activationNotes.get(a.seq()),
                        latest.containsKey(a.version()) ? latest.get(a.version()).note() : null)).toList());
    }

    @GET
    @Path("/rulesets/{version}")
    public TemplateInstance ruleset(@PathParam("version") String version) {
        if (!Sha256.looksLikeHash(version)) {
            throw new NotFoundException("'" + version + "' is not a rule-set version (sha256:<64 hex digits>)");
        }
        RuleSetCandidate candidate = ruleSets.candidate(version)
                .orElseThrow(() -> new NotFoundException("no rule-set version " + version));
        List<RuleSetViews.SourceFile> files = ruleSets.find(version)
                .map(s -> s.files().all().entrySet().stream().map(f -> RuleSetViews.SourceFile.of(f.getKey(), f.getValue())).toList())
                .orElse(List.of());
        return Templates.ruleset(RuleSetViews.VersionRow.of(candidate, activeVersion(), ruleSets.latestNotes()),
                ruleSets.approvals(version), files, ruleSets.notesOf(version).stream().map(NoteRow::of).toList());
    }

    /** Starts the replay of every stored decision as a background job and shows its progress page. */
    @POST
    @Path("/replay-job")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response replayJob() {
        Job job = jobs.startReplay(null, null, identity.getPrincipal().getName()).job();
        return Response.seeOther(URI.create("/audit/jobs/" + job.id())).build();
    }

    /** Any background job, read-only but for cancelling a replay; with the earlier replays of the log and their results. */
    @GET
    @Path("/jobs/{id}")
    public TemplateInstance job(@PathParam("id") String id) {
        Job job = findJob(id);
        boolean replay = Jobs.Kind.REPLAY.id().equals(job.kind());
        return Templates.job(JobView.of(job, "/audit/jobs", replay), jobs.list(Jobs.Kind.REPLAY.id(), null, 10).stream()
                .map(j -> JobView.of(j, "/audit/jobs", false)).toList());
    }

    @GET
    @Path("/jobs/{id}/status")
    @Produces(MediaType.APPLICATION_JSON)
    public JobStatus jobStatus(@PathParam("id") String id) {
        return JobStatus.of(findJob(id));
    }

    @POST
    @Path("/jobs/{id}/cancel")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response cancelJob(@PathParam("id") String id) {
        Job job = findJob(id);
        if (Jobs.Kind.REPLAY.id().equals(job.kind())) {
            jobs.cancel(id);
        }
        return Response.seeOther(URI.create("/audit/jobs/" + id)).build();
    }

    private Job findJob(String id) {
        return jobs.find(id).orElseThrow(() -> new NotFoundException("no job " + id));
    }

    /** A version compared with another ({@code against}, default the active one), read-only. */
    @GET
    @Path("/rulesets/{version}/diff")
    public TemplateInstance diff(@PathParam("version") String version, @QueryParam("against") String against) {
        if (!Sha256.looksLikeHash(version) || ruleSets.candidate(version).isEmpty()) {
            throw new NotFoundException("no rule-set version " + version);
        }
        return Templates.diff(comparison.view(version, against));
    }

    private Response firstPageWith(ChainView chain, ReplayAllReport replayAll) {
        DecisionList page = decisions.page(ListParameters.query(ListParameters.DEFAULT_LIMIT, null, null, null, null, null));
        return Html.page(200, Templates.decisions(DecisionFilters.of(null, null, null, null, knownCodes()),
                page.items(), page.next(), chain, replayAll));
    }

    private TemplateInstance detail(StoredDecision stored, String replayTarget, String replayError, ReplayView replay) {
        var record = stored.toJson();
        DecisionView view = DecisionView.of(record, questionnaires.find(record.path("questionnaireVersion").asText()));
        ExplainView explain = null;
        String explainProblem = null;
        try {
            explain = ExplainView.of(explanations.both(stored), view);
        } catch (UnknownVersionException | EvaluationException | InvalidInputException | StoreUnavailableException e) {
            // the record, its trace and its replay are what an auditor comes for; they are shown regardless
            explainProblem = e.getMessage();
        }
        return Templates.decision(view, stored.seq(), replayTargets(view.rulesetVersion()), replayTarget, replayError, replay,
                explain, explainProblem);
    }

    /** Versions a decision can be replayed on besides its own: every stored version that passed validation. */
    private List<String> replayTargets(String own) {
        return ruleSets.candidates().stream().filter(RuleSetCandidate::passed).map(RuleSetCandidate::version)
                .filter(v -> !v.equals(own)).toList();
    }

    private StoredDecision find(String id) {
        return decisions.find(id).orElseThrow(() -> new NotFoundException("no decision " + id));
    }

    private List<String> knownCodes() {
        return ruleSets.activation().map(a -> a.ruleSet().catalogue().entries().stream().map(Catalogue.Entry::code).sorted().toList())
                .orElse(List.of());
    }

    private String activeVersion() {
        return ruleSets.activation().map(a -> a.ruleSet().version()).orElse(null);
    }

}
