package io.triage.api;

import io.triage.audit.BulkReplay;
import io.triage.audit.ChainReport;
import io.triage.audit.ChainVerifier;
import io.triage.audit.ReplayAllReport;
import io.triage.history.DecisionQuery;
import io.triage.http.ListParameters;
import io.triage.security.AccessLog;
import io.triage.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

@Path("/api/audit")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.AUDITOR)
public class AuditResource {

    private final ChainVerifier verifier;
    private final BulkReplay bulkReplay;
    private final AccessLog accessLog;

    AuditResource(ChainVerifier verifier, BulkReplay bulkReplay, AccessLog accessLog) {
        this.verifier = verifier;
        this.bulkReplay = bulkReplay;
        this.accessLog = accessLog;
    }

    /** Walks the whole decision log; intact, or the first bad record and what is wrong with it. */
    @GET
    @Path("/chain")
    public ChainReport chain() {
        return verifier.verify();
    }

    /**
     * Replays every stored decision (optionally only those created in [from, to)) on the rule-set
     * version that made it and reports how many still match.
     */
    @POST
    @Path("/replay")
    public ReplayAllReport replayAll(@QueryParam("from") String from, @QueryParam("to") String to) {
        DecisionQuery window = ListParameters.query(null, null, from, to, null, null);
        return bulkReplay.replayAll(window.from(), window.to());
    }

    /** Logins and logouts, failed logins (a burst as one row with its count) and account changes, newest first. */
    @GET
    @Path("/access")
    public AccessLog.Page access(@QueryParam("limit") String limit, @QueryParam("before") String before) {
        DecisionQuery page = ListParameters.query(limit, before, null, null, null, null);
        return accessLog.page(page.limit(), page.before());
    }
}
