package io.triage.web;

import io.triage.schema.DataFileSchemas;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Response;

/**
 * The JSON Schemas of the data files (questionnaire, recommendation texts, golden cases), for
 * editors and a policy team's own CI: {@code /schemas/golden-case.schema.json}. No login: they
 * describe file formats, nothing more. The validation pipeline checks every file against the same
 * schemas.
 */
@Path("/schemas")
public class SchemaPages {

    public static final String MEDIA_TYPE = "application/schema+json";

    @GET
    @Path("/{name}")
    @PermitAll
    @Produces({MEDIA_TYPE, "application/json"})
    public Response schema(@PathParam("name") String name) {
        String schema = DataFileSchemas.text(name).orElseThrow(() -> new NotFoundException("no schema '" + name
                + "'; there are " + String.join(", ", DataFileSchemas.ALL)));
        CacheControl cache = new CacheControl();
        cache.setMaxAge(3600);
        return Response.ok(schema, MEDIA_TYPE).cacheControl(cache).build();
    }
}
