package io.tollgate.gateway.inference.control;

import io.tollgate.gateway.platform.RequestBodies;
import jakarta.enterprise.context.ApplicationScoped;

/** Stage: the body as JSON (bounded in size and depth), then as its surface's request, or a 400 naming the field. */
@ApplicationScoped
public class ParseRequest {

    public ParsedRequest apply(byte[] body, Surface surface) {
        return surface.parser().apply(RequestBodies.parse(body));
    }
}
