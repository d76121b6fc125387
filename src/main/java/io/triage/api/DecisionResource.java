package io.triage.api;

import io.triage.audit.BundleExporter;
import io.triage.audit.ReplayResult;
import io.triage.audit.ReplayService;
import io.triage.common.InputError;
import io.triage.common.InvalidInputException;
import io.triage.decision.DecisionRequest;
import io.triage.decision.DecisionService;
import io.triage.json.CanonicalJson;
import io.triage.json.Sha256;
import io.triage.store.DecisionQueries;
import io.triage.store.DecisionQuery;
import io.triage.store.StoredDecision;
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

@Path("/api/decisions")
@Produces(MediaType.APPLICATION_JSON)
public class DecisionResource {

    private final DecisionService decisions;
    private final DecisionQueries queries;
    private final ReplayService replays;
    private final BundleExporter exporter;

    DecisionResource(DecisionService decisions, DecisionQueries queries, ReplayService replays, BundleExporter exporter) {
        this.decisions = decisions;
        this.queries = queries;
        this.replays = replays;
        this.exporter = exporter;
    }

    /** Evaluates and stores; 201 with the stored decision, 400 naming every bad answer, 503 if not stored. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response decide(String body) {
        DecisionService.Stored stored = decisions.decide(DecisionRequest.answers(body), "anonymous");
        // A relative Location, set as a plain header: resolving it to an absolute URI costs more
        // than the rest of the response handling, and RFC 9110 allows relative references.
        return Response.status(Response.Status.CREATED).header("Location", "/api/decisions/" + stored.id())
                .entity(stored.json()).build();
    }

    @GET
    @Path("/{id}")
    public byte[] get(@PathParam("id") String id) {
        return find(id).toCanonicalJson().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Newest first; {@code next} is the {@code before} value of the following page. */
    @GET
    public DecisionList list(@QueryParam("limit") Integer limit, @QueryParam("before") String before,
                             @QueryParam("from") String from, @QueryParam("to") String to,
                             @QueryParam("code") String code, @QueryParam("user") String user) {
        DecisionQuery query = ListParameters.query(limit, before, from, to, code, user);
        DecisionQueries.Page page = queries.page(query);
        return new DecisionList(page.items().stream().map(DecisionList.Summary::of).toList(),
                page.next() == null ? null : page.next().toString());
    }

    @POST
    @Path("/{id}/replay")
    public ReplayResult replay(@PathParam("id") String id, @QueryParam("ruleset") String ruleset) {
        if (ruleset != null && !ruleset.isBlank() && !ReplayService.ACTIVE.equals(ruleset) && !Sha256.looksLikeHash(ruleset)) {
            throw new InvalidInputException("invalid replay target", List.of(InputError.field("ruleset", "invalid_version",
                    "'" + ruleset + "' is not a rule-set version; use 'active' or sha256:<64 hex digits>")));
        }
        return replays.replay(find(id), ruleset);
    }

    @GET
    @Path("/{id}/export")
    public Response export(@PathParam("id") String id) {
        return Response.ok(CanonicalJson.string(exporter.export(id)))
                .header("Content-Disposition", "attachment; filename=\"decision-" + id + ".json\"")
                .build();
    }

    private StoredDecision find(String id) {
        return queries.find(id).orElseThrow(() -> new NotFoundException("no decision " + id));
    }
}
