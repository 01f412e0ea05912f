package io.stave.interfaces.rest;

import io.stave.application.NotFoundException;
import io.stave.application.Recordings;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * What was ingested for a recording: parties with their stable ids, deals, consents, split sheets.
 */
@Path("recordings")
@Tag(name = "recordings")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class RecordingResource {
  @Inject Recordings recordings;

  @GET
  @Path("{isrc}")
  @RolesAllowed({
    Roles.FEED_INTEGRATOR,
    Roles.AUDITOR,
    Roles.POLICY_AUTHOR,
    Roles.POLICY_APPROVER,
    Roles.FEATURE_CLIENT
  })
  @Operation(
      summary = "What the feeds delivered for a recording",
      description = "Parties with their stable ids, deals, consents and split sheets.")
  @APIResponse(
      responseCode = "200",
      description = "The recording",
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Recording")))
  public JsonObject recording(@PathParam("isrc") String isrc) {
    return recordings
        .find(isrc)
        .map(FeedJson::recording)
        .orElseThrow(() -> new NotFoundException("no feed has delivered recording " + isrc));
  }
}
