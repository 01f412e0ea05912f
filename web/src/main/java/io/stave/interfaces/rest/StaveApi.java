package io.stave.interfaces.rest;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * Every API resource lives under {@code /api/v1}; web.xml requires authentication for all of it.
 * The OpenAPI document's description, security scheme and shared schemas are in
 * META-INF/openapi.yaml; the operations come from the resources' annotations.
 */
@ApplicationPath("/api/v1")
public class StaveApi extends Application {}
