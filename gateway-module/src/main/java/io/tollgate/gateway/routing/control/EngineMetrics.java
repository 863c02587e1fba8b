package io.tollgate.gateway.routing.control;

/**
 * What a vLLM server's Prometheus text says about its load: requests waiting for a slot and the KV cache in use
 * (0–1), summed over the engine's series (one per model it serves).
 */
record EngineMetrics(Integer waiting, Double cacheUsage) {

    static EngineMetrics parse(String prometheusText) {
        double waiting = 0;
        double cache = 0;
        boolean sawWaiting = false;
        boolean sawCache = false;
        for (String line : prometheusText.split("\n")) {
            if (line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("vllm:num_requests_waiting")) {
                waiting += value(line);
                sawWaiting = true;
            } else if (line.startsWith("vllm:gpu_cache_usage_perc") || line.startsWith("vllm:kv_cache_usage_perc")) {
                cache = Math.max(cache, value(line));
                sawCache = true;
            }
        }
        return new EngineMetrics(sawWaiting ? (int) waiting : null, sawCache ? cache : null);
    }

    private static double value(String line) {
        int space = line.lastIndexOf(' ');
        try {
            return Double.parseDouble(line.substring(space + 1).strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
