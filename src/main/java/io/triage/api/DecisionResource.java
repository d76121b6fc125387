package io.triage.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.security.identity.SecurityIdentity;
import io.triage.audit.BundleExporter;
import io.triage.audit.ReplayResult;
import io.triage.audit.ReplayService;
import io.triage.common.InputError;
import io.triage.common.InvalidInputException;
import io.triage.decision.DecisionList;
import io.triage.decision.DecisionRequest;
import io.triage.decision.DecisionService;
import io.triage.decision.RequestKeys;
import io.triage.explain.AskNext;
import io.triage.explain.ExplainService;
import io.triage.explain.WhatWouldChange;
import io.triage.decision.PreviewService;
import io.triage.history.DecisionQuery;
import io.triage.history.StoredDecision;
import io.triage.http.ListParameters;
import io.triage.http.PayloadTooLargeException;
import io.triage.json.CanonicalJson;
import io.triage.json.Sha256;
import io.triage.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

@Path("/api/decisions")
@Produces(MediaType.APPLICATION_JSON)
public class DecisionResource {

    private final DecisionService decisions;
    private final ReplayService replays;
    private final BundleExporter exporter;
    private final SecurityIdentity identity;
    private final BodyLimits limits;
    private final ExplainService explain;
    private final PreviewService previews;

    DecisionResource(DecisionService decisions, ReplayService replays, BundleExporter exporter,
                     SecurityIdentity identity, BodyLimits limits, ExplainService explain, PreviewService previews) {
        this.explain = explain;
        this.previews = previews;
        this.decisions = decisions;
        this.replays = replays;
        this.exporter = exporter;
        this.identity = identity;
        this.limits = limits;
    }

    /**
     * Evaluates and stores; 201 with the stored decision, 400 naming every bad answer, 503 if certainly
     * not stored, 202 with the decision id to check if the log did not confirm it in time. With an
     * {@code Idempotency-Key}, the same request sent again answers the decision stored the first time.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.PRESALES)
    public Response decide(String body, @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey) {
        if (body != null && body.length() > limits.decisionLimit()) {
            throw new PayloadTooLargeException(limits.decisionLimit());
        }
        JsonNode answers = DecisionRequest.answers(body);
        DecisionService.Stored stored = decisions.decide(answers, identity.getPrincipal().getName(),
                RequestKeys.of(IdempotencyKeys.HEADER, idempotencyKey, answers));
        // A relative Location, set as a plain header: resolving it to an absolute URI costs more
        // than the rest of the response handling, and RFC 9110 allows relative references.
        Response.ResponseBuilder response = Response.status(Response.Status.CREATED)
                .header("Location", "/api/decisions/" + stored.id()).entity(stored.json());
        if (stored.earlier()) {
            response.header(IdempotencyKeys.REPLAYED, "true");
        }
        return response.build();
    }

    /**
     * Evaluates the answers on the active version exactly as a decision would be, and stores nothing:
     * no id, no hash, never in the log; labeled {@code "preview": true}. Rate-limited per user (429).
     */
    @POST
    @Path("/preview")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.PRESALES)
    public Response preview(String body) {
        if (body != null && body.length() > limits.decisionLimit()) {
            throw new PayloadTooLargeException(limits.decisionLimit());
        }
        JsonNode answers = DecisionRequest.answers(body);
        return Response.ok(previews.preview(answers, identity.getPrincipal().getName()))
                .header("Cache-Control", "no-store").build();
    }

    /**
     * For each code, the changes of one answer that would add or remove it (a number's as its exact
     * threshold), computed on the decision's own rule-set version. Whoever may read the decision may ask.
     */
    @GET
    @Path("/{id}/what-would-change")
    @RolesAllowed({Roles.AUDITOR, Roles.PRESALES})
    public Response whatWouldChange(@PathParam("id") String id) {
        StoredDecision stored = find(id);
        long start = System.nanoTime();
        WhatWouldChange result = explain.whatWouldChange(stored);
        return Response.ok(result).header("Server-Timing", timing(start)).build();
    }

    /** The unanswered questions whose answer could change the strategy or add a blocking step, most consequential first. */
    @GET
    @Path("/{id}/ask-next")
    @RolesAllowed({Roles.AUDITOR, Roles.PRESALES})
    public Response askNext(@PathParam("id") String id) {
        StoredDecision stored = find(id);
        long start = System.nanoTime();
        AskNext result = explain.askNext(stored);
        return Response.ok(result).header("Server-Timing", timing(start)).build();
    }

    private static String timing(long start) {
        return "search;dur=" + String.format(java.util.Locale.ROOT, "%.1f", (System.nanoTime() - start) / 1e6);
    }

    /** Auditors read every decision; presales only their own (another user's is "not found"). */
    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.AUDITOR, Roles.PRESALES})
    public byte[] get(@PathParam("id") String id) {
        return find(id).toCanonicalJson().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Newest first; {@code next} is the {@code before} value of the following page. Presales see their own. */
    @GET
    @RolesAllowed({Roles.AUDITOR, Roles.PRESALES})
    public DecisionList list(@QueryParam("limit") String limit, @QueryParam("before") String before,
                             @QueryParam("from") String from, @QueryParam("to") String to,
                             @QueryParam("code") String code, @QueryParam("user") String user) {
        DecisionQuery query = ListParameters.query(limit, before, from, to, code, user);
        if (!identity.hasRole(Roles.AUDITOR)) {
            query = query.submittedBy(identity.getPrincipal().getName());
        }
        return decisions.page(query);
    }

    @POST
    @Path("/{id}/replay")
    @RolesAllowed(Roles.AUDITOR)
    public ReplayResult replay(@PathParam("id") String id, @QueryParam("ruleset") String ruleset) {
        if (ruleset != null && !ruleset.isBlank() && !ReplayService.ACTIVE.equals(ruleset) && !Sha256.looksLikeHash(ruleset)) {
            throw new InvalidInputException("invalid replay target", List.of(InputError.field("ruleset", "invalid_version",
                    "'" + ruleset + "' is not a rule-set version; use 'active' or sha256:<64 hex digits>")));
        }
        return replays.replay(find(id), ruleset);
    }

    @GET
    @Path("/{id}/export")
    @RolesAllowed(Roles.AUDITOR)
    public Response export(@PathParam("id") String id) {
        return Response.ok(CanonicalJson.string(exporter.export(id)))
                .header("Content-Disposition", "attachment; filename=\"decision-" + id + ".json\"")
                .build();
    }

    /** The decision, if this user may see it; "not found" otherwise, so ids of others' decisions reveal nothing. */
    private StoredDecision find(String id) {
        StoredDecision stored = decisions.find(id).orElseThrow(() -> new NotFoundException("no decision " + id));
        if (!identity.hasRole(Roles.AUDITOR) && !stored.lookup().submittedBy().equals(identity.getPrincipal().getName())) {
            throw new NotFoundException("no decision " + id);
        }
        return stored;
    }
}
