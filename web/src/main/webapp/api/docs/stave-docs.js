// Swagger UI on Stave's own OpenAPI document (served by the server at /openapi). The page sits
// behind the same login as the API; "Try it out" asks for the HTTP Basic credentials through
// the Authorize button, as the document's security scheme says.
window.onload = function () {
  window.ui = SwaggerUIBundle({
    // An absolute URL on the page's origin: a page opened as http://user:password@host/... has
    // its credentials in its base URL, and fetch() refuses a relative URL resolved against it.
    url: window.location.origin + "/openapi?format=JSON",
    dom_id: "#swagger-ui",
    deepLinking: true,
    validatorUrl: null,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    plugins: [SwaggerUIBundle.plugins.DownloadUrl],
    layout: "StandaloneLayout"
  });
};
