package uk.vda.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads JMH's JSON result of {@link DecisionBenchmark}, prints decisions/s and the ratios (ours / reference,
 * ours / each peer, for the cached and the uncached engine path), and draws a bar chart of decisions/s per engine
 * on a log scale as a PNG. Plain java.awt, headless.
 *
 * <pre>java -Djava.awt.headless=true -cp ... uk.vda.bench.EngineChart bench/target/jmh-result.json docs/performance-engines.png</pre>
 */
public final class EngineChart {
    /** Benchmark method → label, in the order the bars are drawn. */
    private static final Map<String, String> LABELS = new LinkedHashMap<>();
    static {
        LABELS.put("handWrittenReference", "hand-written Java reference");
        LABELS.put("rulesWithExplanationsCached", "ours: rules + explanations, answer cache");
        LABELS.put("peerAuthzForceDecisionOnly", "AuthzForce 21.0 (peer), decision only");
        LABELS.put("peerAuthzForce", "AuthzForce 21.0 (peer), decision + vetting");
        LABELS.put("peerCedarDecisionOnly", "Cedar 4.10 (peer), decision only");
        LABELS.put("peerCedar", "Cedar 4.10 (peer), decision + vetting");
        LABELS.put("rulesWithExplanations", "ours: rules + explanations, no cache");
        LABELS.put("rulesWithExplanationsDistinct", "ours: no cache, all-distinct questions, 1/4 with alternatives");
    }
    private static final String UNCACHED = "rulesWithExplanations";
    private static final String CACHED = "rulesWithExplanationsCached";
    private static final String DISTINCT = "rulesWithExplanationsDistinct";
    private static final String AUTHZFORCE = "peerAuthzForce";
    /** Issue 17: a never-seen question, with explanations, at least this share of AuthzForce's decision + vetting. */
    private static final double COLD_TARGET = 0.3;
    private static final String REFERENCE = "handWrittenReference";

    record Score(String method, double score, double error) {
    }

    private EngineChart() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: EngineChart <jmh-result.json> <chart.png>");
            System.exit(2);
        }
        Map<String, Score> scores = read(Path.of(args[0]));
        for (String required : List.of(UNCACHED, CACHED, REFERENCE)) {
            if (!scores.containsKey(required)) {
                throw new IllegalStateException(args[0] + " has no result for " + required + ": run every benchmark");
            }
        }
        printTable(scores);
        BufferedImage image = draw(scores);
        File out = new File(args[1]);
        if (out.getParentFile() != null) {
            out.getParentFile().mkdirs();
        }
        ImageIO.write(image, "png", out);
        System.out.println("Chart: " + out);
    }

    static Map<String, Score> read(Path json) throws IOException {
        JsonNode root = new ObjectMapper().readTree(Files.readString(json));
        Map<String, Score> scores = new LinkedHashMap<>();
        for (JsonNode run : root) {
            String benchmark = run.get("benchmark").asText();
            String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
            JsonNode metric = run.get("primaryMetric");
            if (!"ops/s".equals(metric.get("scoreUnit").asText())) {
                throw new IllegalStateException(benchmark + ": expected ops/s, got " + metric.get("scoreUnit").asText());
            }
            double error = metric.get("scoreError").asDouble();
            scores.put(method, new Score(method, metric.get("score").asDouble(), Double.isNaN(error) ? 0 : error));
        }
        return scores;
    }

    private static void printTable(Map<String, Score> scores) {
        System.out.println();
        System.out.printf(Locale.ROOT, "%-48s %16s %14s%n", "engine", "decisions/s", "± (99.9%)");
        for (String method : order(scores)) {
            Score s = scores.get(method);
            System.out.printf(Locale.ROOT, "%-48s %,16.0f %,14.0f%n", label(method), s.score(), s.error());
        }
        System.out.println();
        double reference = scores.get(REFERENCE).score();
        for (String ours : List.of(CACHED, UNCACHED, DISTINCT)) {
            if (!scores.containsKey(ours)) {
                continue;
            }
            double mine = scores.get(ours).score();
            System.out.printf(Locale.ROOT, "%s: ours / reference = %s%n", label(ours), ratio(mine, reference));
            for (String method : order(scores)) {
                if (method.startsWith("peer")) {
                    System.out.printf(Locale.ROOT, "%s: ours / %s = %s%n", label(ours), label(method),
                            ratio(mine, scores.get(method).score()));
                }
            }
        }
        System.out.println();
        if (scores.containsKey(AUTHZFORCE)) {
            for (String cold : List.of(UNCACHED, DISTINCT)) {
                if (scores.containsKey(cold)) {
                    double r = scores.get(cold).score() / scores.get(AUTHZFORCE).score();
                    System.out.printf(Locale.ROOT, "Cold ratio (%s / AuthzForce decision + vetting): %.2f, target >= %.1f: %s%n",
                            cold, r, COLD_TARGET, r >= COLD_TARGET ? "met" : "NOT met");
                }
            }
            System.out.println();
        }
    }

    /** "0.0577 (17.3× slower)" or "12.4 (12.4× faster)". */
    static String ratio(double ours, double other) {
        double r = ours / other;
        return r >= 1 ? String.format(Locale.ROOT, "%.3g (%.3g× faster)", r, r)
                : String.format(Locale.ROOT, "%.3g (%.3g× slower)", r, 1 / r);
    }

    private static List<String> order(Map<String, Score> scores) {
        List<String> out = new ArrayList<>();
        for (String method : LABELS.keySet()) {
            if (scores.containsKey(method)) {
                out.add(method);
            }
        }
        for (String method : scores.keySet()) {
            if (!out.contains(method)) {
                out.add(method);
            }
        }
        return out;
    }

    private static String label(String method) {
        return LABELS.getOrDefault(method, method);
    }

    static String human(double v) {
        if (v >= 1e6) {
            return String.format(Locale.ROOT, "%.2fM", v / 1e6);
        }
        if (v >= 1e3) {
            return String.format(Locale.ROOT, "%.1fk", v / 1e3);
        }
        return String.format(Locale.ROOT, "%.0f", v);
    }

    private static String tick(int decade) {
        String[] names = {"1", "10", "100", "1k", "10k", "100k", "1M", "10M", "100M", "1G"};
        return decade >= 0 && decade < names.length ? names[decade] : "1e" + decade;
    }

    static BufferedImage draw(Map<String, Score> scores) {
        List<String> methods = order(scores);
        int width = 1200;
        int barHeight = 46;
        int gap = 22;
        int top = 70;
        int left = 360;
        int right = 120;
        int plotHeight = methods.size() * (barHeight + gap);
        int height = top + plotHeight + 80;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);

        // Log scale from the decade below the smallest value to the decade above the largest.
        double min = Double.MAX_VALUE;
        double max = 0;
        for (String m : methods) {
            Score s = scores.get(m);
            min = Math.min(min, s.score());
            max = Math.max(max, s.score());
        }
        int lowDecade = (int) Math.floor(Math.log10(min));
        int highDecade = (int) Math.ceil(Math.log10(max) + 0.15);
        if (highDecade == lowDecade) {
            highDecade++;
        }
        int plotWidth = width - left - right;
        final int lo = lowDecade;
        final int hi = highDecade;
        java.util.function.DoubleToIntFunction x = v -> left
                + (int) Math.round((Math.min(hi, Math.max(lo, Math.log10(Math.max(v, 1e-9)))) - lo) / (hi - lo) * plotWidth);

        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 20));
        g.drawString("Decisions per second, one thread, same 4,096 questions (JMH; log scale)", 20, 34);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        g.setColor(new Color(80, 80, 80));
        g.drawString("Bars: mean score; whiskers: JMH 99.9% confidence interval (clipped to the axis). Higher is faster. Blue: ours; orange: peers; grey: hand-written limit.", 20, 56);

        // Grid and axis labels at each decade.
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        FontMetrics fm = g.getFontMetrics();
        int axisY = top + plotHeight;
        for (int d = lowDecade; d <= highDecade; d++) {
            int gx = x.applyAsInt(Math.pow(10, d));
            g.setColor(new Color(220, 220, 220));
            g.drawLine(gx, top - 6, gx, axisY);
            g.setColor(Color.BLACK);
            String tick = tick(d);
            g.drawString(tick, gx - fm.stringWidth(tick) / 2, axisY + 20);
        }
        g.setColor(Color.BLACK);
        g.drawLine(left, axisY, left + plotWidth, axisY);
        g.drawLine(left, top - 6, left, axisY);
        String axis = "decisions per second (log scale)";
        g.drawString(axis, left + (plotWidth - fm.stringWidth(axis)) / 2, axisY + 44);

        Font labelFont = new Font(Font.SANS_SERIF, Font.PLAIN, 15);
        Font valueFont = new Font(Font.SANS_SERIF, Font.BOLD, 15);
        for (int i = 0; i < methods.size(); i++) {
            String m = methods.get(i);
            Score s = scores.get(m);
            int y = top + i * (barHeight + gap);
            int bx = x.applyAsInt(s.score());
            g.setColor(colour(m));
            g.fillRect(left, y, Math.max(1, bx - left), barHeight);
            // Error whisker.
            int ex0 = x.applyAsInt(Math.max(1, s.score() - s.error()));
            int ex1 = x.applyAsInt(s.score() + s.error());
            g.setColor(Color.BLACK);
            g.setStroke(new BasicStroke(2));
            int cy = y + barHeight / 2;
            g.drawLine(ex0, cy, ex1, cy);
            g.drawLine(ex0, cy - 7, ex0, cy + 7);
            g.drawLine(ex1, cy - 7, ex1, cy + 7);
            g.setStroke(new BasicStroke(1));
            // Engine label, right-aligned left of the axis.
            g.setFont(labelFont);
            FontMetrics lfm = g.getFontMetrics();
            String label = label(m);
            g.drawString(label, left - 10 - lfm.stringWidth(label), cy + lfm.getAscent() / 2 - 2);
            // Value right of the bar (or its whisker).
            g.setFont(valueFont);
            FontMetrics vfm = g.getFontMetrics();
            g.drawString(human(s.score()) + "/s", Math.max(bx, ex1) + 8, cy + vfm.getAscent() / 2 - 2);
        }
        g.dispose();
        return image;
    }

    private static Color colour(String method) {
        if (method.startsWith("rules")) {
            return new Color(46, 117, 182);
        }
        if (method.startsWith("peer")) {
            return new Color(237, 125, 49);
        }
        return new Color(150, 150, 150);
    }
}
