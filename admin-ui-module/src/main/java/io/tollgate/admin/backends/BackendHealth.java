package io.tollgate.admin.backends;

import io.tollgate.gateway.routing.boundary.ModelRoutesFacade.DeploymentView;
import io.tollgate.gateway.routing.boundary.ModelRoutesFacade.ModelRouteView;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A backend's live state as routing sees it, summed over the models it serves: the fleet's health check, this
 * replica's ejection, and the requests it has in flight. A backend that routing does not know (disabled, or serving no
 * model) has none.
 */
public record BackendHealth(boolean healthy, boolean ejected, boolean draining, int outstanding) {

    /** The backend id → its state, from the model routes. */
    public static Map<String, BackendHealth> byBackend(List<ModelRouteView> routes) {
        Map<String, BackendHealth> states = new HashMap<>();
        for (ModelRouteView route : routes) {
            for (DeploymentView d : route.deployments()) {
                // Outstanding requests are counted per backend, so every deployment of one backend reports the same.
                states.putIfAbsent(d.backendId(), new BackendHealth(d.healthy(), d.ejected(), d.draining(),
                        d.outstanding()));
            }
        }
        return states;
    }

    /** "Ejected", "Draining", "Unhealthy" or "Healthy", the first that holds. */
    public String label() {
        if (ejected) {
            return "Ejected";
        }
        if (draining) {
            return "Draining";
        }
        return healthy ? "Healthy" : "Unhealthy";
    }

    public String theme() {
        return ejected || !healthy ? "badge error" : draining ? "badge contrast" : "badge success";
    }

    /** The label, and the requests in flight when there are any. */
    public String describe() {
        return outstanding > 0 ? label() + " · " + outstanding + " in flight" : label();
    }

    static String unrouted(boolean enabled) {
        return enabled ? "Not routed" : "Off";
    }
}
