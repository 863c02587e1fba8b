package io.tollgate.gateway.inference.boundary;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InferenceResourceSwitchTest {

    @Test
    void onlyTheJakartaRestSurfaceIsSwitched() {
        assertTrue(InferenceResourceSwitch.isJakartaRestSurface("rs/v1/chat/completions"));
        assertTrue(InferenceResourceSwitch.isJakartaRestSurface("/rs/v1/chat/completions"));
        assertFalse(InferenceResourceSwitch.isJakartaRestSurface("organization/projects"));
        assertFalse(InferenceResourceSwitch.isJakartaRestSurface("models"));
    }
}
