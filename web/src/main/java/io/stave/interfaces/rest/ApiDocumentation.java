package io.stave.interfaces.rest;

import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Adds to every operation of the OpenAPI document the problem documents it can answer with (README,
 * "What runs"): any call can be unauthenticated (401), forbidden to the caller's role (403) or meet
 * a server fault (500); a call with a body or query parameters can be invalid (400); a body can be
 * too large (413) or of a type the endpoint does not read (415); a path with an id can name nothing
 * (404); a decision can find the node unable to answer safely (503). The responses themselves are
 * described once, in META-INF/openapi.yaml.
 */
public class ApiDocumentation implements OASFilter {

  @Override
  public void filterOpenAPI(OpenAPI openApi) {
    if (openApi.getPaths() == null) {
      return;
    }
    openApi
        .getPaths()
        .getPathItems()
        .forEach(
            (path, item) -> {
              for (Map.Entry<PathItem.HttpMethod, Operation> entry :
                  item.getOperations().entrySet()) {
                addProblems(path, entry.getKey(), entry.getValue());
              }
            });
  }

  private static void addProblems(String path, PathItem.HttpMethod method, Operation operation) {
    APIResponses responses = operation.getResponses();
    if (responses == null) {
      responses = OASFactory.createAPIResponses();
      operation.setResponses(responses);
    }
    boolean hasBody =
        operation.getRequestBody() != null
            || method == PathItem.HttpMethod.POST
            || method == PathItem.HttpMethod.PUT;
    boolean hasQuery =
        operation.getParameters() != null
            && operation.getParameters().stream()
                .anyMatch(
                    p ->
                        p.getIn()
                            == org.eclipse.microprofile.openapi.models.parameters.Parameter.In
                                .QUERY);
    add(responses, "401", "Unauthorized");
    add(responses, "403", "Forbidden");
    if (hasBody || hasQuery || path.contains("{")) {
      add(responses, "400", "BadRequest");
    }
    if (path.contains("{")) {
      add(responses, "404", "NotFound");
    }
    if (operation.getRequestBody() != null) {
      add(responses, "413", "ContentTooLarge");
      add(responses, "415", "UnsupportedMediaType");
    }
    if (path.startsWith("/api/v1/decisions")) {
      add(responses, "503", "ServiceUnavailable");
    }
    if (path.startsWith("/api/v1/policies") && method != PathItem.HttpMethod.GET) {
      add(responses, "409", "Conflict");
    }
    add(responses, "500", "ServerError");
  }

  private static void add(APIResponses responses, String status, String name) {
    if (!responses.hasAPIResponse(status)) {
      responses.addAPIResponse(
          status, OASFactory.createAPIResponse().ref("#/components/responses/" + name));
    }
  }
}
