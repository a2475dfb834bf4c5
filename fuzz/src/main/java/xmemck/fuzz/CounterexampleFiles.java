package xmemck.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import xmemck.fuzz.engine.Counterexample;
import xmemck.fuzz.engine.Outcome;
import xmemck.ops.Op;
import xmemck.oracle.Catalogue;
import xmemck.wire.OpCodec;
import xmemck.wire.WireJson;

/**
 * Writes a minimised counterexample under the report directory: {@code regressions/NAME.feature}
 * (replayed by the Cucumber run) and {@code regressions/NAME.json} (the operations in the canonical
 * wire form, with the same header facts), and answers the {@link Failure} that the summary lists.
 *
 * <p>Format decisions: the JSON file is a document of the wire protocol, not one of the kit's
 * report files: its ops are written by the wire codec ({@link OpCodec} on {@link WireJson}'s
 * generator), compact on one line, so that they are byte for byte what an implementation receives
 * and {@code ck explain} reads them with the protocol's own decoder. The header members follow the
 * kit's conventions (camelCase, the verdict's label). The fields are documented in
 * reports/README.md.
 */
public final class CounterexampleFiles {
    private CounterexampleFiles() {}

    public static final String FOLDER = "regressions";

    /**
     * @param number the failure's number within the run (1, 2, ...), part of the file name
     * @param replayed how {@code cx.value()} failed on replay, or null when it did not fail again
     */
    public static Failure write(
            Path reportDir,
            String adapter,
            String fault,
            boolean viaCommand,
            int number,
            Counterexample<List<Op>> cx,
            SessionProperty.Failing replayed) {
        String verdict =
                replayed != null
                        ? replayed.verdict().label()
                        : SessionProperty.verdictOf(cx.signature());
        String signed = SessionProperty.clauseOf(cx.signature());
        // The minimised case may name another finding first; the clause it was found and shrunk for
        // is the one to report
        // (unless the replay no longer shows it: an implementation that is not deterministic).
        String clause =
                replayed == null || replayed.answersTo(cx.signature()) ? signed : replayed.clause();
        String message = replayed != null ? replayed.message() : cx.outcome().detail();
        List<String> also =
                new ArrayList<>(
                        SessionProperty.Failing.alsoBreaks(cx.signature(), allOf(cx.outcome())));
        also.remove(clause);
        String base =
                "fuzz-" + safe(adapter) + "-" + Long.toUnsignedString(cx.seed()) + "-" + number;
        String feature = FOLDER + "/" + base + ".feature";
        String json = FOLDER + "/" + base + ".json";
        GherkinWriter.Origin origin =
                new GherkinWriter.Origin(
                        adapter,
                        fault,
                        viaCommand,
                        cx.seed(),
                        cx.caseIndex(),
                        cx.signature(),
                        clause,
                        cx.original().size(),
                        choices(cx.choices()));
        String tag = Catalogue.contains(clause) && "FAIL".equals(verdict) ? clause : null;
        try {
            Path dir = reportDir.resolve(FOLDER);
            Files.createDirectories(dir);
            String text;
            try {
                text = GherkinWriter.feature(origin, cx.value(), tag);
            } catch (IllegalArgumentException unwritable) {
                text = null;
                feature = null;
            }
            if (text != null)
                Files.writeString(reportDir.resolve(feature), text, StandardCharsets.UTF_8);
            Files.writeString(
                    reportDir.resolve(json),
                    json(origin, verdict, cx.value()) + "\n",
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot write the counterexample under "
                            + reportDir.resolve(FOLDER)
                            + ": "
                            + e.getMessage(),
                    e);
        }
        return new Failure(
                cx.signature(),
                verdict,
                clause,
                cx.seed(),
                cx.caseIndex(),
                cx.original().size(),
                cx.value(),
                message,
                feature,
                json,
                replayed != null,
                also,
                cx.firstSeenCases(),
                cx.firstSeenSeconds());
    }

    /** Every signature a failure answers to, its own first. */
    private static Set<String> allOf(Outcome.Fail f) {
        Set<String> all = new LinkedHashSet<>();
        all.add(f.signature());
        all.addAll(f.alsoAnswersTo());
        return all;
    }

    /**
     * The counterexample as JSON: the header facts and the operations in their canonical wire form.
     */
    public static String json(GherkinWriter.Origin origin, String verdict, List<Op> ops) {
        return WireJson.write(
                g -> {
                    g.writeStartObject();
                    g.writeStringProperty("adapter", origin.adapter());
                    g.writeStringProperty("fault", origin.fault()); // null is written as null
                    g.writeNumberProperty("seed", origin.seed());
                    g.writeNumberProperty("case", origin.caseIndex());
                    g.writeStringProperty("verdict", verdict);
                    g.writeStringProperty("clause", origin.clause());
                    g.writeStringProperty("signature", origin.signature());
                    g.writeArrayPropertyStart("ops");
                    for (Op op : ops) OpCodec.write(g, op);
                    g.writeEndArray();
                    g.writeEndObject();
                });
    }

    static String choices(long[] choices) {
        StringBuilder sb = new StringBuilder();
        for (long c : choices) sb.append(sb.isEmpty() ? "" : " ").append(c);
        return sb.toString();
    }

    /** An adapter id as a file-name part. */
    static String safe(String s) {
        String out = s.replaceAll("[^A-Za-z0-9_.-]", "_");
        return out.isEmpty() ? "adapter" : out;
    }
}
