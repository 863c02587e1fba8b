package io.tollgate.gateway.relay.control;

/** The fast path of stream shaping: the common chunk rewritten as text, without a JSON parse. */
final class PlainChunk {

    private PlainChunk() {
    }

    /**
     * A common chunk — content or nothing, no usage, no error, no tool call, no refusal — shaped without a JSON
     * parse: the model's value is replaced in the text and a {@code "usage":null} the client did not ask for is cut
     * out. Parsing and re-serialising every chunk was a third of the gateway's CPU on streams (JFR). Returns null for any chunk
     * that is not plainly of that form (the full path takes it), the same text if nothing changes.
     * A key pattern such as {@code "model":"} cannot occur inside a JSON string (its quotes would be escaped), so a
     * match is a key.
     */
    static String shape(String data, String publicModelField, boolean keepUsage) {
        if (!data.startsWith("{") || !data.endsWith("}") || !data.contains("\"choices\":[")
                || data.contains("\"error\"") || data.contains("\"tool_calls\"") || data.contains("\"text\"")
                || data.contains("\"function_call\"") || data.contains("\"refusal\":\"")) {
            return null;
        }
        String modelKey = "\"model\":\"";
        int model = data.indexOf(modelKey);
        if (model < 0 || data.indexOf("\"model\"") != model || data.indexOf("\"model\"", model + 1) >= 0) {
            return null;
        }
        int afterModel = stringEnd(data, model + modelKey.length());
        if (afterModel < 0) {
            return null;
        }
        int usageAt = data.indexOf("\"usage\"");
        int cutFrom = -1;
        int cutTo = -1;
        if (usageAt >= 0) {
            String usageNull = "\"usage\":null";
            if (!data.startsWith(usageNull, usageAt) || data.indexOf("\"usage\"", usageAt + 1) >= 0) {
                return null;
            }
            if (!keepUsage) {
                int end = usageAt + usageNull.length();
                if (data.charAt(usageAt - 1) == ',') {
                    cutFrom = usageAt - 1;
                    cutTo = end;
                } else if (end < data.length() && data.charAt(end) == ',') {
                    cutFrom = usageAt;
                    cutTo = end + 1;
                } else {
                    return null;
                }
            }
        }
        boolean rename = !data.regionMatches(model, publicModelField, 0, publicModelField.length())
                || afterModel != model + publicModelField.length();
        if (!rename && cutFrom < 0) {
            return data;
        }
        StringBuilder out = new StringBuilder(data.length() + 32);
        int at = 0;
        if (cutFrom >= 0 && cutFrom < model) {
            out.append(data, 0, cutFrom);
            at = cutTo;
        }
        out.append(data, at, model).append(publicModelField);
        at = afterModel;
        if (cutFrom >= afterModel) {
            out.append(data, at, cutFrom);
            at = cutTo;
        }
        return out.append(data, at, data.length()).toString();
    }

    /** Where the JSON string whose text starts at {@code from} ends (after its closing quote), or -1. */
    private static int stringEnd(String data, int from) {
        for (int i = from; i < data.length(); i++) {
            char c = data.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                return i + 1;
            }
        }
        return -1;
    }

}
