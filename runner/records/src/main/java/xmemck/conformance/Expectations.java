package xmemck.conformance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;
import xmemck.features.Sha256;
import xmemck.oracle.Catalogue;

/**
 * An implementation's expectations file: the failures it is known to have, each with a reason and a
 * date after which it no longer counts. One entry per line, fields separated by spaces or tabs:
 *
 * <pre>
 * # known failures of the acme kernel (lines starting with # and blank lines are ignored)
 * clause    copyout.fail.adi                    2027-03-31  ADI tags are not checked before firmware 4.2 (ACME-1234)
 * scenario  features/xmemout/limits.feature:41  2027-01-15  count 0 returns XMEM_FAIL; fix under review
 * </pre>
 *
 * <ol>
 *   <li>the kind: {@code clause} (every scenario tagged {@code @clause:ID}) or {@code scenario}
 *       (one scenario, by the id every report shows: the feature file from {@code features/} on, a
 *       colon, the line of its Scenario keyword or of its example row);
 *   <li>the clause id or the scenario id;
 *   <li>the expiry date, {@code YYYY-MM-DD}: the entry holds through that day (UTC) and has expired
 *       from the next;
 *   <li>the reason: the rest of the line, required.
 * </ol>
 *
 * The same target may be listed once. The file is read as UTF-8. {@link #parse} rejects anything
 * else with the file, the line and the reason.
 */
public record Expectations(String source, String sha256, List<Entry> entries) {
    public Expectations {
        entries = List.copyOf(entries);
    }

    /** What an entry lists as known to fail. */
    public sealed interface Target {
        String describe();

        /** Every scenario tagged {@code @clause:id}. */
        record Clause(String id) implements Target {
            public String describe() {
                return "clause " + id;
            }
        }

        /** One scenario, by its report id ({@code features/x.feature:12}). */
        record Scenario(String id) implements Target {
            public String describe() {
                return "scenario " + id;
            }
        }
    }

    /** One known failure, from line {@code line} of the file. */
    public record Entry(String source, int line, Target target, LocalDate expires, String reason) {
        /** Where the entry is written: {@code FILE:LINE}. */
        public String where() {
            return source + ":" + line;
        }

        /** Still in force on {@code today}? (It holds through its expiry day.) */
        public boolean activeOn(LocalDate today) {
            return !today.isAfter(expires);
        }

        /** What an expected failure's report shows. */
        public String note() {
            return "expected failure: " + where() + ": " + reason + " (until " + expires + ")";
        }
    }

    /** No expectations: every FAIL and ERROR counts. */
    public static Expectations none() {
        return new Expectations("", "", List.of());
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /**
     * The clause ids of the clause entries in force on {@code today}: the clauses whose FAILs are
     * known findings (the fuzzer's, which knows no scenarios).
     */
    public SortedSet<String> clausesInForce(LocalDate today) {
        SortedSet<String> clauses = new TreeSet<>();
        for (Entry e : entries)
            if (e.target() instanceof Target.Clause c && e.activeOn(today)) clauses.add(c.id());
        return clauses;
    }

    /** Reads the file; the messages of errors name it as given. */
    public static Expectations read(Path file) {
        String name = file.toString();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new InputFileException(
                    name, 0, "cannot read the expectations file: " + e.getMessage());
        }
        String text;
        try {
            text =
                    StandardCharsets.UTF_8
                            .newDecoder()
                            .decode(java.nio.ByteBuffer.wrap(bytes))
                            .toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new InputFileException(name, 0, "not UTF-8 text");
        }
        return parse(text, name, Sha256.of(bytes));
    }

    private static final Pattern SCENARIO_ID = Pattern.compile("\\S+\\.feature:[1-9][0-9]*");
    private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");

    /** Parses the text of a file called {@code source} whose bytes hash to {@code sha256}. */
    public static Expectations parse(String text, String source, String sha256) {
        List<Entry> entries = new ArrayList<>();
        Map<Target, Integer> seen = new HashMap<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int n = i + 1;
            String line = lines[i].strip();
            if (i == 0 && line.startsWith("\uFEFF")) line = line.substring(1).strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            String[] f = line.split("[ \t]+", 4);
            if (f.length < 4) {
                throw new InputFileException(
                        source,
                        n,
                        "expected four fields: kind (clause or scenario), clause or scenario id, expiry date"
                                + " (YYYY-MM-DD) and a reason; found "
                                + f.length);
            }
            Target target =
                    switch (f[0]) {
                        case "clause" -> {
                            if (!Catalogue.contains(f[1])) {
                                throw new InputFileException(
                                        source,
                                        n,
                                        "unknown clause id \""
                                                + f[1]
                                                + "\" (ck list clauses shows the known ones)");
                            }
                            yield new Target.Clause(f[1]);
                        }
                        case "scenario" -> {
                            if (!SCENARIO_ID.matcher(f[1]).matches()) {
                                throw new InputFileException(
                                        source,
                                        n,
                                        "a scenario is named by its feature file and line, as the reports show it"
                                                + " (features/copyout/adi.feature:23), not \""
                                                + f[1]
                                                + "\"");
                            }
                            yield new Target.Scenario(f[1]);
                        }
                        default ->
                                throw new InputFileException(
                                        source,
                                        n,
                                        "unknown kind \""
                                                + f[0]
                                                + "\": an entry starts with clause or scenario");
                    };
            if (!DATE.matcher(f[2]).matches()) {
                throw new InputFileException(
                        source,
                        n,
                        "the expiry date must be written YYYY-MM-DD, not \"" + f[2] + "\"");
            }
            LocalDate expires;
            try {
                expires = LocalDate.parse(f[2]);
            } catch (DateTimeParseException e) {
                throw new InputFileException(
                        source, n, "\"" + f[2] + "\" is not a date of the calendar");
            }
            String reason = f[3].strip();
            Integer before = seen.putIfAbsent(target, n);
            if (before != null) {
                throw new InputFileException(
                        source,
                        n,
                        target.describe()
                                + " is already listed on line "
                                + before
                                + "; list each target once");
            }
            entries.add(new Entry(source, n, target, expires, reason));
        }
        return new Expectations(source, sha256, entries);
    }
}
