package xmemck.fuzz;

import java.util.Locale;
import java.util.TreeMap;
import tools.jackson.core.JsonGenerator;
import xmemck.wire.WireJson;

/**
 * {@code fuzz/summary.json} in the report directory:
 * {@code {"adapter","seed","cases","seconds","casesPerSecond","failures":[{"clause","feature",...}],...}}. The
 * first six members are the contract the reports and CI read; the rest (the failure's verdict, signature, case
 * and JSON file; the clauses reached; how cases ended) are extra facts.
 */
public final class SummaryFile {
    private SummaryFile() {}

    /** Where the summary goes, relative to the report directory. */
    public static final String PATH = "fuzz/summary.json";

    /** The summary's text: one line of compact JSON, members in the order above. */
    public static String json(FuzzRun.Summary s) {
        return WireJson.write(g -> {
            g.writeStartObject();
            g.writeStringProperty("adapter", s.adapter());
            g.writeNumberProperty("seed", s.seed());
            g.writeNumberProperty("cases", s.cases());
            g.writeName("seconds");
            g.writeNumber(decimal(s.seconds()));
            g.writeName("casesPerSecond");
            g.writeNumber(decimal(s.casesPerSecond()));
            g.writeArrayPropertyStart("failures");
            for (Failure f : s.failures()) failure(g, f);
            g.writeEndArray();
            g.writeArrayPropertyStart("clausesReached");
            for (String c : s.clausesReached()) g.writeString(c);
            g.writeEndArray();
            g.writeObjectPropertyStart("caseEndings");
            new TreeMap<>(s.caseEndings()).forEach(g::writeNumberProperty);
            g.writeEndObject();
            g.writeNumberProperty("invalidCases", s.invalidCases());
            g.writeNumberProperty("generatorErrors", s.generatorErrors());
            g.writeEndObject();
        });
    }

    private static void failure(JsonGenerator g, Failure f) {
        g.writeStartObject();
        g.writeStringProperty("clause", f.clause());
        g.writeStringProperty("feature", f.feature()); // null is written as null
        g.writeStringProperty("verdict", f.verdict());
        g.writeStringProperty("signature", f.signature());
        g.writeNumberProperty("case", f.caseIndex());
        g.writeNumberProperty("operations", f.ops().size());
        g.writeStringProperty("json", f.json());
        g.writeBooleanProperty("reproduced", f.reproduced());
        g.writeEndObject();
    }

    /** Seconds and rates with three decimals, as the reports show them. */
    private static String decimal(double v) { return String.format(Locale.ROOT, "%.3f", v); }
}
