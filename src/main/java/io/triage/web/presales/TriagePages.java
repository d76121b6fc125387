package io.triage.web.presales;

import io.triage.app.RuleSetLifecycle;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import io.triage.decision.DecisionList;
import io.triage.decision.DecisionSummary;
import io.triage.common.InvalidInputException;
import io.triage.decision.DecisionService;
import io.triage.decision.RequestKeys;
import io.triage.history.StoredDecision;
import io.triage.http.Html;
import io.triage.http.ListParameters;
import io.triage.json.CanonicalJson;
import io.triage.questionnaire.Questionnaire;
import io.triage.security.Roles;
import io.triage.web.CsrfToken;
import io.triage.web.DecisionView;
import io.triage.web.ExplainView;
import io.triage.explain.ExplainService;
import io.triage.decision.PreviewService;
import io.triage.web.PageForm;
import io.triage.web.QuestionnaireVersions;
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

import org.jboss.resteasy.reactive.RestForm;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * Presales in the browser: the questionnaire form, the result page and "my decisions". The form
 * goes through the same validation and {@link DecisionService} as {@code POST /api/decisions}.
 */
@Path("/triage")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Roles.PRESALES)
public class TriagePages {

    @CheckedTemplate
    static class Templates {
        /** @param requestKey a fresh idempotency key: a form sent twice (a double click, a resend) stores one decision */
        static native TemplateInstance form(FormView form, String rulesetVersion, String requestKey);

        static native TemplateInstance result(DecisionView decision, boolean justMade, ExplainView explain);

        /** The live preview beside the form: what a decision on these answers would say, or what to fix. */
        static native TemplateInstance preview(DecisionView decision, List<io.triage.common.InputError> errors);

        /** For the buyer: strategy, what comes first, cautions and cost, in plain language. */
        static native TemplateInstance printBuyer(DecisionView decision);

        /** For presales: everything, talk tracks, reasons and what would change the advice included. */
        static native TemplateInstance printPresales(DecisionView decision, ExplainView explain);

        static native TemplateInstance decisions(List<DecisionSummary> items, String next);
    }

    private final RuleSetLifecycle ruleSets;
    private final DecisionService decisions;
    private final QuestionnaireVersions questionnaires;
    private final SecurityIdentity identity;
    private final ExplainService explain;
    private final PreviewService previews;

    TriagePages(RuleSetLifecycle ruleSets, DecisionService decisions, QuestionnaireVersions questionnaires,
                SecurityIdentity identity, ExplainService explain, PreviewService previews) {
        this.explain = explain;
        this.previews = previews;
        this.ruleSets = ruleSets;
        this.decisions = decisions;
        this.questionnaires = questionnaires;
        this.identity = identity;
    }

    /** The form's hidden field holding its idempotency key. */
    static final String REQUEST_KEY = "request-key";

    private static String newRequestKey() {
        return java.util.UUID.randomUUID().toString();
    }

    @GET
    public TemplateInstance form() {
        Questionnaire questionnaire = ruleSets.active().questionnaire();
        return Templates.form(FormView.of(questionnaire, Map.of(), List.of()), ruleSets.active().version(), newRequestKey());
    }

    /** Decides and stores, then shows the result; bad answers show the form again, answers kept, messages inline. */
    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response submit() {
        Questionnaire questionnaire = ruleSets.active().questionnaire();
        Map<String, String> raw = AnswerForm.raw(questionnaire, PageForm.fields());
        DecisionService.Stored stored;
        try {
            ObjectNode answers = AnswerForm.answers(questionnaire, raw);
            stored = decisions.decide(answers, identity.getPrincipal().getName(),
                    RequestKeys.of(REQUEST_KEY, PageForm.first(REQUEST_KEY), answers));
        } catch (InvalidInputException e) {
            return Html.page(400, Templates.form(FormView.of(questionnaire, raw, e.errors()), ruleSets.active().version(),
                    newRequestKey()));
        }
        return Response.seeOther(URI.create("/triage/decisions/" + stored.id() + "?new=true")).build();
    }

    @GET
    @Path("/decisions")
    public TemplateInstance myDecisions(@QueryParam("before") String before) {
        DecisionList page = decisions.page(ListParameters.query(20, before, null, null, null,
                identity.getPrincipal().getName()));
        return Templates.decisions(page.items(), page.next());
    }

    /** One of the user's own decisions; another user's is "not found", as in the API. */
    @GET
    @Path("/decisions/{id}")
    public TemplateInstance result(@PathParam("id") String id, @QueryParam("new") boolean justMade) {
        StoredDecision stored = own(id);
        DecisionView view = view(stored);
        return Templates.result(view, justMade, explain(stored, view));
    }

    @GET
    @Path("/decisions/{id}/print/buyer")
    public TemplateInstance printBuyer(@PathParam("id") String id) {
        return Templates.printBuyer(view(own(id)));
    }

    @GET
    @Path("/decisions/{id}/print/presales")
    public TemplateInstance printPresales(@PathParam("id") String id) {
        StoredDecision stored = own(id);
        DecisionView view = view(stored);
        return Templates.printPresales(view, explain(stored, view));
    }

    /**
     * The form's answers evaluated as a decision would be, nothing stored: an HTML fragment the form's
     * script puts beside it. Bad answers give the list of what to fix (400), past the rate a 429.
     */
    @POST
    @Path("/preview")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response preview() {
        Questionnaire questionnaire = ruleSets.active().questionnaire();
        Map<String, String> raw = AnswerForm.raw(questionnaire, PageForm.fields());
        try {
            byte[] json = previews.preview(AnswerForm.answers(questionnaire, raw), identity.getPrincipal().getName());
            DecisionView view = DecisionView.of(CanonicalJson.parse(new String(json, java.nio.charset.StandardCharsets.UTF_8)),
                    java.util.Optional.of(questionnaire));
            return Response.ok(Templates.preview(view, List.of())).header("Cache-Control", "no-store").build();
        } catch (InvalidInputException e) {
            return Response.status(400).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                    .entity(Templates.preview(null, e.errors())).header("Cache-Control", "no-store").build();
        }
    }

    private StoredDecision own(String id) {
        return decisions.find(id)
                .filter(d -> d.lookup().submittedBy().equals(identity.getPrincipal().getName()))
                .orElseThrow(() -> new NotFoundException("no decision " + id));
    }

    private DecisionView view(StoredDecision stored) {
        var record = CanonicalJson.parse(stored.toCanonicalJson());
        return DecisionView.of(record, questionnaires.find(record.path("questionnaireVersion").asText()));
    }

    private ExplainView explain(StoredDecision stored, DecisionView view) {
        return ExplainView.of(explain.both(stored), view);
    }
}
