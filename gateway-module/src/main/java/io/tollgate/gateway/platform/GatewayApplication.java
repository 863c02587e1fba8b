package io.tollgate.gateway.platform;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The OpenAI-shaped REST surface and the admin API live under /v1, as OpenAI's do. */
@ApplicationPath("/v1")
public class GatewayApplication extends Application {
}
