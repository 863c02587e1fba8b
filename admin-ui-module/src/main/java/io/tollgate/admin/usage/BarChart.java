package io.tollgate.admin.usage;

import java.util.List;
import java.util.Locale;

/**
 * A bar chart as an SVG document, drawn on the server: the pre-built frontend bundle has no chart component and
 * adding one would need an npm build. Colours are Lumo's custom properties, so the chart follows the theme.
 */
public final class BarChart {

    /** One bar: its label under the axis (may be empty) and its value. */
    public record Bar(String label, double value, String tooltip) {
    }

    /** An alert threshold drawn across the chart; bars above it are drawn in the error colour. */
    public record Threshold(double value, String label) {
    }

    static final int WIDTH = 720;
    static final int HEIGHT = 180;
    private static final int LEFT = 56;
    private static final int BOTTOM = 22;
    private static final int TOP = 8;

    private BarChart() {
    }

    /** @param unit formats an axis value ("12", "$0.04") */
    public static String svg(String title, List<Bar> bars, java.util.function.DoubleFunction<String> unit) {
        return svg(title, bars, unit, null);
    }

    /**
     * @param threshold drawn as a dashed line (the scale always reaches above it, so it is in view); null: none
     */
    public static String svg(String title, List<Bar> bars, java.util.function.DoubleFunction<String> unit,
                             Threshold threshold) {
        double highest = bars.stream().mapToDouble(Bar::value).max().orElse(0);
        double max = threshold == null ? highest : Math.max(highest, threshold.value() * 1.25);
        double top = max <= 0 ? 1 : max;
        int plotWidth = WIDTH - LEFT - 8;
        int plotHeight = HEIGHT - BOTTOM - TOP;
        double slot = bars.isEmpty() ? plotWidth : (double) plotWidth / bars.size();
        double barWidth = Math.max(1, slot * 0.7);
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" "
                + "width=\"100%%\" role=\"img\" aria-label=\"%s\" class=\"bar-chart\">", WIDTH, HEIGHT, escape(title)));
        svg.append("<title>").append(escape(title)).append("</title>");
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
                + "stroke=\"var(--lumo-contrast-30pct, #ccc)\"/>", LEFT, TOP + plotHeight, WIDTH - 8, TOP + plotHeight));
        svg.append(axisLabel(TOP + 10, unit.apply(max <= 0 ? 0 : max)));
        svg.append(axisLabel(TOP + plotHeight, unit.apply(0)));
        int labelEvery = Math.max(1, (int) Math.ceil(bars.size() / 12.0));
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            double h = Math.max(0, bar.value() / top * plotHeight);
            double x = LEFT + i * slot + (slot - barWidth) / 2;
            boolean breached = threshold != null && bar.value() > threshold.value();
            svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
                    + "fill=\"%s\"%s><title>%s</title></rect>", x, TOP + plotHeight - h, barWidth, h,
                    breached ? "var(--lumo-error-color, #e3342f)" : "var(--lumo-primary-color, #1676f3)",
                    breached ? " class=\"breached\"" : "", escape(bar.tooltip() + (breached ? " — above "
                            + threshold.label() : ""))));
            if (i % labelEvery == 0 && !bar.label().isEmpty()) {
                svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" "
                        + "text-anchor=\"middle\" fill=\"var(--lumo-secondary-text-color, #666)\">%s</text>",
                        x + barWidth / 2, HEIGHT - 6, escape(bar.label())));
            }
        }
        if (threshold != null) {
            double y = TOP + plotHeight - threshold.value() / top * plotHeight;
            svg.append(String.format(Locale.ROOT, "<line class=\"threshold\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" "
                    + "y2=\"%.1f\" stroke=\"var(--lumo-error-color, #e3342f)\" stroke-dasharray=\"6 4\"/>", LEFT, y,
                    WIDTH - 8, y));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\" "
                    + "fill=\"var(--lumo-error-text-color, #c00)\">%s</text>", WIDTH - 10, y - 3,
                    escape("alert: " + threshold.label())));
        }
        return svg.append("</svg>").toString();
    }

    private static String axisLabel(int y, String text) {
        return String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"end\" "
                + "fill=\"var(--lumo-secondary-text-color, #666)\">%s</text>", LEFT - 6, y, escape(text));
    }

    static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
