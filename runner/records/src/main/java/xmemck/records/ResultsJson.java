package xmemck.records;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import xmemck.files.Adapter;
import xmemck.files.JsonFile;
import xmemck.files.Kit;
import xmemck.files.KitJson;
import xmemck.harness.ScenarioResult;
import xmemck.oracle.Finding;
import xmemck.oracle.Picture;
import xmemck.oracle.Verdict;

/**
 * results.json: the whole run, every scenario result in full, in a form {@link #read} turns back
 * into the same {@link RunReport}, so the reports can be rebuilt from a saved run. Errors are
 * {@code FILE:LINE: reason} ({@link xmemck.files.FileFormatException}). Fields: reports/README.md.
 *
 * <p>Format decisions: the one file of a run that grows with it (every scenario with its log), so
 * it is written streaming: the members one by one on a generator, each scenario a {@link Scenario}
 * record, never the whole file as one string or tree. It is read by binding into the same records
 * from a stream (no tree either), after a look at {@code format} and {@code formatVersion} alone,
 * so that another JSON file is named as such rather than by its first unexpected member. Members a
 * later kit adds are ignored (an incompatible change bumps {@link #FORMAT_VERSION}).
 */
public final class ResultsJson {
    private ResultsJson() {}

    /** Identifies the file and its layout; bump the version on an incompatible change. */
    public static final String FORMAT = "xmemck-results";

    public static final int FORMAT_VERSION = 1;

    /** The file as it is read back; {@link #write} writes the same members in this order. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Contents(
            String format,
            @JsonProperty(required = true) int formatVersion,
            Kit kit,
            Adapter adapter,
            String startedAt,
            @JsonProperty(required = true) double durationSeconds,
            List<Scenario> scenarios) {}

    /**
     * One scenario result ({@link ScenarioResult}), its verdict as a label; {@code expected} only
     * for a FAIL or ERROR the expectations file lists: why it is expected; {@code findings} and
     * {@code pictures} only where the verdict rests on them (a FAIL), so that a clause's FAIL can
     * be read back from the file as data.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Scenario(
            String id,
            String name,
            String uri,
            @JsonProperty(required = true) int line,
            List<String> clauses,
            String verdict,
            String reason,
            @JsonProperty(required = true) double seconds,
            List<String> log,
            Map<String, String> implementationDefined,
            @JsonInclude(JsonInclude.Include.NON_NULL) @JsonSetter(nulls = Nulls.SET)
                    String expected,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) @JsonSetter(nulls = Nulls.AS_EMPTY)
                    List<FindingJson> findings,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) @JsonSetter(nulls = Nulls.AS_EMPTY)
                    List<Picture> pictures) {}

    /**
     * A {@link Finding}: {@code bytes} only for a departure in memory, {@code also} only when it
     * breaks more clauses.
     */
    public record FindingJson(
            String clause,
            Finding.Kind kind,
            String message,
            @JsonInclude(JsonInclude.Include.NON_NULL) @JsonSetter(nulls = Nulls.SET)
                    Finding.Bytes bytes,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) @JsonSetter(nulls = Nulls.AS_EMPTY)
                    List<String> also) {
        static FindingJson of(Finding f) {
            return new FindingJson(f.clause(), f.kind(), f.message(), f.bytes(), f.also());
        }

        Finding finding() {
            return new Finding(clause, kind, message, bytes, also == null ? List.of() : also);
        }
    }

    /** The whole file, as {@link #write} writes it. */
    public static String render(RunReport run) {
        StringWriter out = new StringWriter();
        try {
            write(run, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    /** Writes the file to {@code out} (left open), scenario by scenario. */
    public static void write(RunReport run, Writer out) throws IOException {
        try (JsonGenerator g = KitJson.generator(out)) {
            g.writeStartObject();
            g.writeStringProperty("format", FORMAT);
            g.writeNumberProperty("formatVersion", FORMAT_VERSION);
            g.writePOJOProperty("kit", new Kit(run.kitVersion()));
            g.writePOJOProperty("adapter", run.adapter().json());
            g.writeStringProperty("startedAt", run.startedAt());
            g.writeNumberProperty("durationSeconds", finite(run.durationSeconds()));
            g.writeArrayPropertyStart("scenarios");
            for (ScenarioResult r : run.scenarios()) {
                g.writePOJO(
                        new Scenario(
                                r.id(),
                                r.name(),
                                r.uri(),
                                r.line(),
                                r.clauses(),
                                Verdicts.of(r).label(),
                                r.reason(),
                                finite(r.seconds()),
                                r.log(),
                                new TreeMap<>(r.implementationDefined()),
                                run.isExpected(r) ? run.expected().get(r.id()) : null,
                                r.findings().stream().map(FindingJson::of).toList(),
                                r.pictures()));
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (JacksonException e) {
            if (e.getCause() instanceof IOException io) throw io;
            throw e;
        }
        out.write("\n");
    }

    /**
     * Reads a results.json; {@code where} (the file name) starts every error message: {@code
     * WHERE:LINE: reason}.
     */
    public static RunReport read(String text, String where) {
        return read(JsonFile.of(text, where));
    }

    /** Reads the results.json at {@code file}, streaming it from disk. */
    public static RunReport read(Path file) {
        return read(JsonFile.of(file));
    }

    private static RunReport read(JsonFile f) {
        Map<String, Object> header = f.header("format", "formatVersion");
        Object format = header.get("format");
        if (!FORMAT.equals(format)) {
            throw f.problem(
                    JsonFile.at("format"),
                    "not a results file (\"format\" is "
                            + show(format)
                            + ", expected \""
                            + FORMAT
                            + "\")");
        }
        if (!(header.get("formatVersion") instanceof Long version && version == FORMAT_VERSION)) {
            throw f.problem(
                    JsonFile.at("formatVersion"),
                    "results format version "
                            + show(header.get("formatVersion"))
                            + " is not supported (this kit reads "
                            + FORMAT_VERSION
                            + ")");
        }
        Contents file = f.read(Contents.class);
        List<ScenarioResult> scenarios = new ArrayList<>(file.scenarios().size());
        Map<String, String> expected = new LinkedHashMap<>();
        for (int i = 0; i < file.scenarios().size(); i++) {
            Scenario s = file.scenarios().get(i);
            String at = "scenarios[" + i + "].verdict";
            Verdict verdict;
            try {
                verdict = Verdicts.parse(s.verdict(), at);
            } catch (IllegalArgumentException e) {
                throw f.problem(JsonFile.at("scenarios", i, "verdict"), e.getMessage());
            }
            scenarios.add(
                    new ScenarioResult(
                            s.id(),
                            s.name(),
                            s.uri(),
                            s.line(),
                            s.clauses(),
                            verdict,
                            s.reason(),
                            s.seconds(),
                            s.log(),
                            s.implementationDefined(),
                            s.findings() == null
                                    ? List.of()
                                    : s.findings().stream().map(FindingJson::finding).toList(),
                            s.pictures() == null ? List.of() : s.pictures()));
            if (s.expected() != null) expected.put(s.id(), s.expected());
        }
        return new RunReport(
                file.kit().version(),
                AdapterInfo.of(file.adapter()),
                file.startedAt(),
                file.durationSeconds(),
                scenarios,
                expected);
    }

    private static double finite(double d) {
        return Double.isFinite(d) ? d : 0;
    }

    private static String show(Object o) {
        return o instanceof String s ? "\"" + s + "\"" : String.valueOf(o);
    }
}
