package xmemck.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;
import xmemck.files.KitJson;
import xmemck.records.RunReport;
import xmemck.wire.UntrustedText;

/**
 * The Allure part of the reports: where Allure's Cucumber plugin writes its results, clearing them
 * (and the previous report) before a run, and turning them into one self-contained HTML file with
 * the Allure commandline's generator, called in this JVM ({@link AllureGenerator}). Any failure
 * becomes an {@link Outcome} the index page shows; it never stops the other reports.
 */
public final class AllureReport {
    private AllureReport() {}

    /** Folder (inside the report directory) and file of the generated report. */
    public static final String OUTPUT_DIR = "allure-report";

    public static final String LINK = OUTPUT_DIR + "/index.html";
    static final String LOG = "allure-generate.log";

    /**
     * Where allure-cucumber7-jvm writes in a report directory, unless told otherwise ({@link
     * #resultsDir}).
     */
    public static final String RESULTS_DIR = "allure-results";

    public sealed interface Outcome permits Generated, Failed, Skipped, Pending {}

    /** {@code link} is relative to the report directory. */
    public record Generated(String link, double seconds) implements Outcome {}

    public record Failed(String reason) implements Outcome {}

    public record Skipped(String reason) implements Outcome {}

    /**
     * Still being generated in the background ({@link AllureBackground}); index.html is rewritten
     * when it is done.
     */
    public record Pending(String note) implements Outcome {}

    /**
     * Where allure-cucumber7-jvm writes: the property {@code allure.results.directory} as Allure
     * itself reads it (the run's property, {@link xmemck.glue.RunScope}, which is the system
     * property outside {@code ck run}, over {@code allure.properties} on the class path), else
     * {@code allure-results} in the report directory. Relative paths are relative to the working
     * directory, as for Allure.
     */
    public static final String RESULTS_PROPERTY = "allure.results.directory";

    public static Path resultsDir(Path reportDir) {
        String p = xmemck.glue.RunScope.current().property(RESULTS_PROPERTY);
        if (p == null) {
            try (InputStream in =
                    Thread.currentThread()
                            .getContextClassLoader()
                            .getResourceAsStream("allure.properties")) {
                if (in != null) {
                    Properties props = new Properties();
                    props.load(in);
                    p = props.getProperty(RESULTS_PROPERTY);
                }
            } catch (IOException ignored) {
                // unreadable allure.properties: Allure falls back to its default the same way
            }
        }
        return p == null ? reportDir.resolve(RESULTS_DIR) : Path.of(p);
    }

    /**
     * Sets the previous run's Allure result files (only files Allure names that way) aside as
     * spares, so the new report shows this run alone: a spare's name is one no Allure reader takes.
     * The run's writer ({@link RecyclingResultsWriter}) renames spares to its new results' names
     * and writes over them, and {@link #discardSpares} deletes those left when the run ends. Why
     * not delete them here: on ext4 without a journal, creating a file soon after thousands in its
     * block group were deleted walks every recently freed inode first, and the Allure plugin's
     * 1,300 new files a run then took about a tenth of {@code ck run}'s CPU. Returns how many files
     * were set aside.
     */
    public static int clearResults(Path resultsDir) throws IOException {
        if (!Files.isDirectory(resultsDir)) return 0;
        List<Path> allure = new ArrayList<>();
        Set<String> spares = new HashSet<>();
        try (Stream<Path> s = Files.list(resultsDir)) {
            for (Path f : s.toList()) {
                String name = f.getFileName().toString();
                if (name.startsWith(SPARE_PREFIX)) spares.add(name);
                else if (Files.isRegularFile(f) && isAllureFile(name)) allure.add(f);
            }
        }
        int k = 0;
        for (Path f : allure) {
            while (spares.contains(SPARE_PREFIX + k)) k++;
            String spare = SPARE_PREFIX + k++;
            Files.move(f, resultsDir.resolve(spare));
            spares.add(spare);
        }
        return allure.size();
    }

    /** The previous run's files set aside by {@link #clearResults} start so, and only they. */
    static final String SPARE_PREFIX = ".xmemck-spare-";

    private static boolean isAllureFile(String name) {
        return name.endsWith("-result.json")
                || name.endsWith("-container.json")
                || name.contains("-attachment")
                || name.equals("environment.properties")
                || name.equals("categories.json");
    }

    /**
     * The spares {@link #clearResults} set aside in {@code resultsDir}, in no particular order
     * (none when it is missing).
     */
    static List<Path> spares(Path resultsDir) throws IOException {
        if (!Files.isDirectory(resultsDir)) return List.of();
        try (Stream<Path> s = Files.list(resultsDir)) {
            return s.filter(p -> p.getFileName().toString().startsWith(SPARE_PREFIX)).toList();
        }
    }

    /**
     * Deletes the spares this run's results did not take (all of them when no writer took any), so
     * only this run's files remain for the report. Returns how many were deleted.
     */
    public static int discardSpares(Path resultsDir) throws IOException {
        int n = 0;
        for (Path p : spares(resultsDir)) if (Files.deleteIfExists(p)) n++;
        return n;
    }

    /**
     * Deletes the previous run's Allure report and its log, so that while (or if) this run's report
     * is not made, no link shows an older run.
     */
    public static void clearReport(Path reportDir) throws IOException {
        xmemck.files.Trees.delete(reportDir.resolve(OUTPUT_DIR));
        // A report a killed kit was making (never linked: it is only renamed into place once
        // whole).
        if (Files.isDirectory(reportDir)) {
            try (Stream<Path> s = Files.list(reportDir)) {
                for (Path p :
                        s.filter(p -> p.getFileName().toString().startsWith(OUTPUT_DIR + ".new-"))
                                .toList()) xmemck.files.Trees.delete(p);
            }
        }
        Files.deleteIfExists(reportDir.resolve(LOG));
    }

    /**
     * Adds what Allure shows beside the tests: the run's environment (adapter, kit) and categories
     * that sort skipped scenarios into UNSUPPORTED and OUTSIDE-CONTRACT by the reason the glue
     * gives them.
     */
    public static void writeExtras(Path resultsDir, RunReport run) throws IOException {
        Files.createDirectories(resultsDir);
        Properties env = new Properties();
        env.setProperty("adapter", run.adapter().id());
        env.setProperty("implementation", run.adapter().name());
        env.setProperty("kit.version", run.kitVersion());
        env.setProperty(
                "capabilities.missing", String.join(", ", run.adapter().missing().keySet()));
        try (var w =
                Files.newBufferedWriter(
                        resultsDir.resolve("environment.properties"), StandardCharsets.UTF_8)) {
            env.store(w, null);
        }
        List<Object> categories = new ArrayList<>();
        categories.add(
                category(
                        "UNSUPPORTED: the adapter cannot create the condition",
                        "skipped",
                        "(?s).*UNSUPPORTED.*"));
        categories.add(
                category(
                        "OUTSIDE-CONTRACT: the call breaks a caller obligation",
                        "skipped",
                        "(?s).*OUTSIDE-CONTRACT.*"));
        categories.add(category("FAIL: not allowed by the documentation", "failed", null));
        categories.add(
                category("ERROR: crash, hang, protocol breach or kit problem", "broken", null));
        Files.writeString(resultsDir.resolve("categories.json"), KitJson.write(categories) + "\n");
    }

    /**
     * Makes the text of Allure's result files safe to show: Allure's scenario page renders a status
     * message and trace as HTML, and both carry text the implementation controls (its error
     * messages, reasons, standard error). Every {@code statusDetails} message and trace (of
     * scenarios and of their steps) is HTML-escaped and made well-formed ({@link
     * UntrustedText#sanitized}); an attachment declared {@code text/html} is relabelled {@code
     * text/plain}. Each file is rewritten through a temporary name; one that cannot be read is
     * removed, so it never reaches the report. Returns the number of files rewritten or removed.
     */
    public static int neutralise(Path resultsDir) throws IOException {
        if (!Files.isDirectory(resultsDir)) return 0;
        int n = 0;
        List<Path> files;
        try (Stream<Path> s = Files.list(resultsDir)) {
            files =
                    s.filter(
                                    f ->
                                            f.getFileName().toString().endsWith("-result.json")
                                                    || f.getFileName()
                                                            .toString()
                                                            .endsWith("-container.json"))
                            .toList();
        }
        for (Path f : files) {
            tools.jackson.databind.JsonNode tree;
            try {
                String text = Files.readString(f, StandardCharsets.UTF_8);
                // Most results (every passed scenario) have neither: no need to parse them.
                if (!text.contains("\"message\"")
                        && !text.contains("\"trace\"")
                        && !text.toLowerCase(java.util.Locale.ROOT).contains("html")) continue;
                tree = ALLURE_JSON.readTree(text);
            } catch (java.nio.charset.CharacterCodingException | RuntimeException e) {
                Files.deleteIfExists(f);
                n++;
                continue;
            }
            if (!neutralise(tree)) continue;
            Path tmp = f.resolveSibling(f.getFileName() + ".tmp");
            Files.writeString(tmp, ALLURE_JSON.writeValueAsString(tree), StandardCharsets.UTF_8);
            Files.move(tmp, f, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            n++;
        }
        return n;
    }

    private static final tools.jackson.databind.json.JsonMapper ALLURE_JSON =
            tools.jackson.databind.json.JsonMapper.builder().build();

    /** Escapes in place (see {@link #neutralise(Path)}); whether anything changed. */
    private static boolean neutralise(tools.jackson.databind.JsonNode node) {
        boolean changed = false;
        if (node instanceof tools.jackson.databind.node.ObjectNode o) {
            if (o.get("statusDetails") instanceof tools.jackson.databind.node.ObjectNode details) {
                for (String field : List.of("message", "trace")) {
                    if (details.get(field) != null && details.get(field).isString()) {
                        String before = details.get(field).asString();
                        String after = Html.esc(UntrustedText.sanitized(before));
                        if (!after.equals(before)) {
                            details.put(field, after);
                            changed = true;
                        }
                    }
                }
            }
            if (o.get("type") != null
                    && o.get("source") != null
                    && o.get("type")
                            .asString()
                            .toLowerCase(java.util.Locale.ROOT)
                            .contains("html")) {
                o.put("type", "text/plain");
                changed = true;
            }
        }
        if (node.isContainer())
            for (tools.jackson.databind.JsonNode child : node.values())
                changed |= neutralise(child);
        return changed;
    }

    private static Object category(String name, String status, String regex) {
        var m = new java.util.LinkedHashMap<String, Object>();
        m.put("name", name);
        m.put("matchedStatuses", List.of(status));
        if (regex != null) m.put("messageRegex", regex);
        return m;
    }

    /**
     * Makes the single-file report from {@code resultsDir} into {@link #OUTPUT_DIR} with the Allure
     * commandline's generator, in this JVM ({@link AllureGenerator}), and says what happened; never
     * throws. The report is made beside the old one and then put in its place, so the link never
     * shows half a report. {@link #LOG} records the tool, the time taken or the failure.
     */
    public static Outcome generate(
            Path resultsDir, Path reportDir, AllureCommandline.Found tool, String reportName) {
        if (!(tool instanceof AllureCommandline.Home(Path home))) {
            return new Failed(((AllureCommandline.NotFound) tool).reason());
        }
        if (!Files.isDirectory(resultsDir)) {
            return new Failed(
                    "no Allure results at "
                            + resultsDir
                            + " (is the allure-cucumber7-jvm plugin configured,"
                            + " with allure.results.directory pointing there?)");
        }
        long t0 = System.nanoTime();
        Path out = reportDir.resolve(OUTPUT_DIR);
        Path log = reportDir.resolve(LOG);
        Path fresh = null;
        try {
            Files.createDirectories(reportDir);
            // A fresh name of our own (not a temporary directory, whose owner-only permissions the
            // report would keep).
            fresh =
                    Files.createDirectory(
                            reportDir.resolve(OUTPUT_DIR + ".new-" + java.util.UUID.randomUUID()));
            AllureGenerator.of(home).generateSingleFile(resultsDir, fresh, reportName);
            if (!Files.isRegularFile(fresh.resolve("index.html")))
                throw new IOException("the generator wrote no index.html");
            xmemck.files.Trees.delete(out);
            Files.move(fresh, out);
            double seconds = (System.nanoTime() - t0) / 1e9;
            writeLog(
                    log,
                    "Allure report generated in "
                            + String.format(java.util.Locale.ROOT, "%.2f", seconds)
                            + " s with "
                            + home
                            + "\nfrom "
                            + resultsDir
                            + "\ninto "
                            + out.resolve("index.html")
                            + "\n");
            return new Generated(LINK, seconds);
        } catch (Exception | LinkageError e) {
            AllureGenerator.forget(home);
            java.io.StringWriter trace = new java.io.StringWriter();
            e.printStackTrace(new java.io.PrintWriter(trace));
            writeLog(
                    log,
                    "Allure report not generated with "
                            + home
                            + " from "
                            + resultsDir
                            + ":\n"
                            + trace);
            return new Failed(
                    "the Allure generator of " + home + " failed: " + e + " (see " + LOG + ")");
        } finally {
            try {
                if (fresh != null) xmemck.files.Trees.delete(fresh);
            } catch (IOException ignored) {
                // a leftover temporary folder beside the report is harmless
            }
        }
    }

    private static void writeLog(Path log, String text) {
        try {
            Files.writeString(log, text);
        } catch (IOException ignored) {
            // the log explains an outcome that index.html already shows
        }
    }
}
