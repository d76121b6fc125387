package io.triage.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.SecurityIdentity;
import io.triage.common.InputError;
import io.triage.common.InvalidInputException;
import io.triage.common.StrictJson;
import io.triage.history.DecisionQuery;
import io.triage.history.Job;
import io.triage.http.ListParameters;
import io.triage.http.Problem;
import io.triage.jobs.JobJson;
import io.triage.jobs.Jobs;
import io.triage.json.Sha256;
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

import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Long work as background jobs: start one (202 with its Location), watch its progress, cancel it,
 * read its result. Impact analyses are policy owners' (auditors may read them); replays of the
 * decision log are auditors'. {@code POST /api/rulesets/{v}/impact} starts the same impact job;
 * {@code POST /api/audit/replay} still replays within one request, as before.
 */
@Path("/api/jobs")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.POLICY_OWNER, Roles.AUDITOR})
public class JobResource {

    private static final Set<String> FIELDS = Set.of("kind", "version", "from", "to");

    private final Jobs jobs;
    private final SecurityIdentity identity;

    JobResource(Jobs jobs, SecurityIdentity identity) {
        this.jobs = jobs;
        this.identity = identity;
    }

    /**
     * {@code {"kind": "impact", "version": "sha256:...", "from"?, "to"?}} (policy owners) or
     * {@code {"kind": "replay", "from"?, "to"?}} (auditors); dates as {@code GET /api/decisions}
     * takes them. 202 with {@code Location: /api/jobs/{id}}; an identical job still running is
     * returned instead of a second one ({@code "reused": true}).
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response start(String body) {
        JsonNode request = read(body);
        Jobs.Kind kind = Jobs.Kind.of(request.path("kind").asText(""))
                .orElseThrow(() -> invalid("kind", "'kind' must be \"impact\" or \"replay\""));
        mayStart(kind);
        DecisionQuery window = ListParameters.query(null, null, text(request, "from"), text(request, "to"), null, null);
        String by = identity.getPrincipal().getName();
        Jobs.Started started;
        if (kind == Jobs.Kind.IMPACT) {
            String version = text(request, "version");
            if (version == null || !Sha256.looksLikeHash(version)) {
                throw invalid("version", "an impact analysis needs the 'version' to analyse (sha256:<64 hex digits>)");
            }
            started = jobs.startImpact(version, window.from(), window.to(), by);
        } else {
            if (request.has("version")) {
                throw invalid("version", "a replay runs every decision on its own version; it takes no 'version'");
            }
            started = jobs.startReplay(window.from(), window.to(), by);
        }
        ObjectNode json = JobJson.of(started.job()).put("reused", started.reused());
        return Response.accepted(json).header("Location", "/api/jobs/" + started.job().id()).build();
    }

    /** Jobs newest first (at most {@code limit}, default 50), those of one kind or version if asked. */
    @GET
    public ArrayNode list(@QueryParam("kind") String kind, @QueryParam("version") String version,
                          @QueryParam("limit") Integer limit) {
        ArrayNode list = JsonNodeFactory.instance.arrayNode();
        int max = limit == null ? 50 : Math.max(1, Math.min(limit, 500));
        jobs.list(kind, version, max).stream().filter(this::mayRead).map(JobJson::of).forEach(list::add);
        return list;
    }

    @GET
    @Path("/{id}")
    public ObjectNode job(@PathParam("id") String id) {
        return JobJson.of(visible(id));
    }

    /** Asks the job to stop; it ends as {@code cancelled} within about a second. 409 if it has finished. */
    @POST
    @Path("/{id}/cancel")
    public Response cancel(@PathParam("id") String id) {
        Job job = visible(id);
        mayStart(Jobs.Kind.of(job.kind()).orElseThrow());
        if (!jobs.cancel(id)) {
            return Problem.response(409, "job-finished", "the job has finished", "job " + id + " ended as "
                    + job.state() + "; there is nothing to cancel");
        }
        return Response.accepted(JobJson.of(jobs.find(id).orElseThrow())).build();
    }

    private Job visible(String id) {
        Job job = jobs.find(id).orElseThrow(() -> new NotFoundException("no job " + id));
        if (!mayRead(job)) {
            throw new ForbiddenException();
        }
        return job;
    }

    /** Auditors read every job; policy owners their impact analyses. */
    private boolean mayRead(Job job) {
        return identity.hasRole(Roles.AUDITOR) || Jobs.Kind.IMPACT.id().equals(job.kind());
    }

    private void mayStart(Jobs.Kind kind) {
        String needed = kind == Jobs.Kind.IMPACT ? Roles.POLICY_OWNER : Roles.AUDITOR;
        if (!identity.hasRole(needed)) {
            throw new ForbiddenException();
        }
    }

    private static JsonNode read(String body) {
        JsonNode root = StrictJson.object(body, "{\"kind\": \"impact\", \"version\": \"sha256:...\"} or {\"kind\": \"replay\"}");
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!FIELDS.contains(field)) {
                throw invalid(field, "unknown field '" + field + "'; a job takes kind, version, from and to");
            }
        }
        return root;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw invalid(field, "'" + field + "' must be a string");
        }
        return v.textValue();
    }

    private static InvalidInputException invalid(String field, String message) {
        return new InvalidInputException("invalid job", List.of(InputError.field(field, "invalid_job", message)));
    }
}
