package io.triage.api;

import io.smallrye.health.SmallRyeHealth;
import io.smallrye.health.SmallRyeHealthReporter;
import io.triage.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The health of the service with every detail the anonymous health endpoints leave out: the active
 * rule-set version, who activated it and when, a startup that fell back and why, the last edit on
 * disk, the database. 200 when up, 503 when down, the same body either way.
 */
@Path("/api/status")
public class StatusResource {

    private final SmallRyeHealthReporter reporter;

    StatusResource(SmallRyeHealthReporter reporter) {
        this.reporter = reporter;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.POLICY_OWNER, Roles.AUDITOR, Roles.ADMIN})
    public Response status() {
        SmallRyeHealth health = reporter.getHealth();
        return Response.status(health.isDown() ? 503 : 200).entity(health.getPayload().toString()).build();
    }
}
