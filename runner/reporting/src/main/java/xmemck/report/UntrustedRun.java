package xmemck.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import xmemck.harness.ScenarioResult;
import xmemck.records.AdapterInfo;
import xmemck.records.RunReport;
import xmemck.wire.UntrustedText;

/**
 * A run made safe to write, whatever adapter it came from: every text an implementation can put
 * into it (its name and id, the reasons of its missing capabilities, a scenario's reason and log,
 * where its error messages and standard error land, its notes) made well-formed ({@link
 * UntrustedText#sanitized}: a lone surrogate, which no UTF-8 file can hold, becomes U+FFFD) and cut
 * to a size with a visible "cut" notice ({@link UntrustedText#capped}). The process adapter already
 * does so as it decodes answers; an adapter on the JVM, or a results.json edited by hand, is made
 * safe here, before any report is written, so one bad character or a 5 MB name never costs a
 * report.
 */
public final class UntrustedRun {
    private UntrustedRun() {}

    /**
     * The longest scenario reason kept (it holds the kit's byte diffs besides the implementation's
     * messages).
     */
    public static final int MAX_SCENARIO_REASON = 16 * 1024;

    /** The longest line of a scenario's log kept, and the most lines kept. */
    public static final int MAX_LOG_LINE = 4 * 1024;

    public static final int MAX_LOG_LINES = 1_000;

    public static RunReport safe(RunReport run) {
        List<ScenarioResult> scenarios = new ArrayList<>(run.scenarios().size());
        boolean changed = false;
        for (ScenarioResult r : run.scenarios()) {
            ScenarioResult s = safe(r);
            changed |= s != r;
            scenarios.add(s);
        }
        AdapterInfo a = safe(run.adapter());
        Map<String, String> expected = new LinkedHashMap<>();
        run.expected()
                .forEach(
                        (k, v) ->
                                expected.put(
                                        text(k, UntrustedText.MAX_REASON),
                                        text(v, UntrustedText.MAX_REASON)));
        if (!changed && a == run.adapter() && expected.equals(run.expected())) return run;
        return new RunReport(
                text(run.kitVersion(), UntrustedText.MAX_NAME),
                a,
                text(run.startedAt(), UntrustedText.MAX_NAME),
                run.durationSeconds(),
                scenarios,
                expected);
    }

    static AdapterInfo safe(AdapterInfo a) {
        Map<String, String> missing = new LinkedHashMap<>();
        a.missing()
                .forEach(
                        (k, v) ->
                                missing.put(
                                        text(k, UntrustedText.MAX_NAME),
                                        text(v, UntrustedText.MAX_REASON)));
        List<String> caps =
                a.capabilities().stream().map(c -> text(c, UntrustedText.MAX_NAME)).toList();
        String id = text(a.id(), UntrustedText.MAX_NAME),
                name = text(a.name(), UntrustedText.MAX_NAME);
        Map<String, String> emulated = new LinkedHashMap<>();
        a.emulated()
                .forEach(
                        (k, v) ->
                                emulated.put(
                                        text(k, UntrustedText.MAX_NAME),
                                        text(v, UntrustedText.MAX_REASON)));
        if (id.equals(a.id())
                && name.equals(a.name())
                && caps.equals(a.capabilities())
                && missing.equals(a.missing())
                && emulated.equals(a.emulated())) return a;
        return new AdapterInfo(id, name, caps, missing, emulated);
    }

    static ScenarioResult safe(ScenarioResult r) {
        String name = text(r.name(), UntrustedText.MAX_REASON),
                reason = text(r.reason(), MAX_SCENARIO_REASON);
        List<String> log = new ArrayList<>();
        for (String line : r.log()) {
            if (log.size() == MAX_LOG_LINES) {
                log.add("\u2026 (cut, " + r.log().size() + " log lines in all)");
                break;
            }
            log.add(text(line, MAX_LOG_LINE));
        }
        Map<String, String> notes = new LinkedHashMap<>();
        r.implementationDefined()
                .forEach(
                        (k, v) ->
                                notes.merge(
                                        text(k, UntrustedText.MAX_REASON),
                                        text(v, UntrustedText.MAX_REASON),
                                        (x, y) -> x + "; " + y));
        if (name.equals(r.name())
                && reason.equals(r.reason())
                && log.equals(r.log())
                && notes.equals(r.implementationDefined())) return r;
        return new ScenarioResult(
                text(r.id(), UntrustedText.MAX_REASON),
                name,
                text(r.uri(), UntrustedText.MAX_REASON),
                r.line(),
                r.clauses(),
                r.verdict(),
                reason,
                r.seconds(),
                log,
                notes,
                r.findings(),
                r.pictures());
    }

    /**
     * A short note read from a file anyone could have written (the {@link ReportWriter#INCOMPLETE}
     * marker).
     */
    static String note(String s) {
        return text(s.strip(), UntrustedText.MAX_REASON);
    }

    /**
     * Cut once: text already cut here (at most {@code max} characters and a cut notice) is kept as
     * it is.
     */
    private static String text(String s, int max) {
        if (s == null) return null;
        return s.length() <= max + 64 ? UntrustedText.sanitized(s) : UntrustedText.capped(s, max);
    }
}
