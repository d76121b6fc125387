package io.triage.web.policy;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.security.identity.SecurityIdentity;
import io.triage.store.ListParameters;
import io.triage.common.InputError;
import io.triage.common.InvalidInputException;
import io.triage.json.Sha256;
import io.triage.policy.ActivationRefusedException;
import io.triage.policy.Activator;
import io.triage.policy.ImpactAnalysis;
import io.triage.policy.PolicyStatus;
import io.triage.policy.RuleSetPipeline;
import io.triage.rules.ActiveRuleSet;
import io.triage.rules.RuleSetFiles;
import io.triage.security.Roles;
import io.triage.store.DecisionQuery;
import io.triage.store.RuleSetHistory;
import io.triage.store.RuleSetRepository;
import io.triage.web.Html;
import io.triage.web.PageForm;
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

        static native TemplateInstance version(VersionView view, String message, String error);

        static native TemplateInstance file(String version, SourceListing listing);

        static native TemplateInstance upload(UploadForm form);

        static native TemplateInstance impact(ImpactView impact);

        static native TemplateInstance map(io.triage.rules.PolicyMap map, java.util.Map<String, String> titles);
    }

    private static final String ACTIVATION_REASON = "activated by a policy owner";

    private final ActiveRuleSet active;
    private final RuleSetPipeline pipeline;
    private final Activator activator;
    private final ImpactAnalysis impact;
    private final RuleSetHistory history;
    private final RuleSetRepository repository;
    private final PolicyStatus status;
    private final SecurityIdentity identity;
    private final long fieldLimit;

    PolicyPages(ActiveRuleSet active, RuleSetPipeline pipeline, Activator activator, ImpactAnalysis impact,
                RuleSetHistory history, RuleSetRepository repository, PolicyStatus status, SecurityIdentity identity,
                @ConfigProperty(name = "quarkus.http.limits.max-form-attribute-size", defaultValue = "2048")
                MemorySize fieldLimit) {
        this.active = active;
        this.pipeline = pipeline;
        this.activator = activator;
        this.impact = impact;
        this.history = history;
        this.repository = repository;
        this.status = status;
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
        io.triage.rules.RuleSet ruleSet = active.require();
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
        return Templates.version(view, message, null);
    }

    @GET
    @Path("/versions/{version}/files")
    public TemplateInstance file(@PathParam("version") String version, @QueryParam("path") String path) {
        RuleSetHistory.Candidate candidate = candidate(version);
        String content = sources(version).filter(f -> path != null).map(f -> f.get(path))
                .orElseThrow(() -> new NotFoundException("version " + version + " has no file '" + path + "'"));
        return Templates.file(version, SourceListing.of(path, content, VersionView.errorsOf(candidate.report())));
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
        String source = from == null || from.isBlank() ? active.require().version() : candidate(from).version();
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
        try {
            candidate = active.require().files().with(changes);
        } catch (InvalidInputException e) {
            return badForm(name, content, e.errors().stream().map(InputError::describe).toList());
        }
        RuleSetPipeline.Result result = pipeline.submit(candidate, RuleSetPipeline.Origin.UPLOAD, identity.getPrincipal().getName());
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
            done = activator.activate(version, identity.getPrincipal().getName(), ACTIVATION_REASON);
        } catch (ActivationRefusedException e) {
            return refused(version, 409, "Nothing was changed: " + e.getMessage() + ".");
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
            activator.approve(version, identity.getPrincipal().getName());
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

    private PolicyOverview overview() {
        return PolicyOverview.of(active.current(), activator.twoPersonRule(), status, history.candidates(),
                history.activations(), history.attempts(null));
    }

    private VersionView view(String version) {
        RuleSetHistory.Candidate candidate = candidate(version);
        Optional<String> current = active.current().map(a -> a.ruleSet().version());
        Instant activeSubmitted = current.flatMap(history::candidate).map(RuleSetHistory.Candidate::submittedAt).orElse(null);
        return VersionView.of(candidate, sources(version), current.map(version::equals).orElse(false),
                PolicyOverview.isOlder(candidate.submittedAt(), activeSubmitted), activator.twoPersonRule(),
                history.approvals(version));
    }

    private Response refused(String version, int status, String error) {
        return Html.page(status, Templates.version(view(version), null, error));
    }

    private Response badForm(String path, String content, List<String> errors) {
        return Html.page(400, Templates.upload(form(path, content, errors, null)));
    }

    /** @param editedFrom the version whose copy of the file is in the form, or null */
    private UploadForm form(String path, String content, List<String> errors, String editedFrom) {
        boolean tooLarge = content.getBytes(StandardCharsets.UTF_8).length > fieldLimit;
        return new UploadForm(path, content, errors, active.require().version(), editedFrom, fieldLimit, tooLarge);
    }


    private RuleSetHistory.Candidate candidate(String version) {
        if (!Sha256.looksLikeHash(version)) {
            throw new NotFoundException("'" + version + "' is not a rule-set version (sha256:<64 hex digits>)");
        }
        return history.candidate(version).orElseThrow(() -> new NotFoundException("no rule-set version " + version));
    }

    private Optional<RuleSetFiles> sources(String version) {
        return repository.find(version).map(RuleSetRepository.StoredRuleSet::files);
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
