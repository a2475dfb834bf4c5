package xmemck.report;

import xmemck.records.RunReport;
import xmemck.records.Json;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The Allure part of the reports: where Allure's Cucumber plugin writes its results, clearing them before a run,
 * and turning them into one self-contained HTML file with the Allure commandline, run as a child process on the
 * JDK the kit itself runs on. Any failure becomes an {@link Outcome} the index page shows; it never stops the
 * other reports.
 */
public final class AllureReport {
    private AllureReport() {}

    /** Folder (inside the report directory) and file of the generated report. */
    public static final String OUTPUT_DIR = "allure-report";
    public static final String LINK = OUTPUT_DIR + "/index.html";
    static final String LOG = "allure-generate.log";

    public sealed interface Outcome permits Generated, Failed, Skipped {}

    /** {@code link} is relative to the report directory. */
    public record Generated(String link, double seconds) implements Outcome {}

    public record Failed(String reason) implements Outcome {}

    public record Skipped(String reason) implements Outcome {}

    /**
     * Where allure-cucumber7-jvm writes: the property {@code allure.results.directory} as Allure itself reads it
     * (system property over {@code allure.properties} on the class path), else {@code allure-results} in the
     * report directory. Relative paths are relative to the working directory, as for Allure.
     */
    public static Path resultsDir(Path reportDir) {
        String p = System.getProperty("allure.results.directory");
        if (p == null) {
            try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream("allure.properties")) {
                if (in != null) {
                    Properties props = new Properties();
                    props.load(in);
                    p = props.getProperty("allure.results.directory");
                }
            } catch (IOException ignored) {
                // unreadable allure.properties: Allure falls back to its default the same way
            }
        }
        return p == null ? reportDir.resolve("allure-results") : Path.of(p);
    }

    /**
     * Deletes the previous run's Allure result files (only files Allure names that way), so the new report shows
     * this run alone.
     */
    public static int clearResults(Path resultsDir) throws IOException {
        if (!Files.isDirectory(resultsDir)) return 0;
        int n = 0;
        try (Stream<Path> s = Files.list(resultsDir)) {
            for (Path f : s.toList()) {
                String name = f.getFileName().toString();
                if (Files.isRegularFile(f) && (name.endsWith("-result.json") || name.endsWith("-container.json")
                        || name.contains("-attachment") || name.equals("environment.properties") || name.equals("categories.json"))) {
                    Files.delete(f);
                    n++;
                }
            }
        }
        return n;
    }

    /**
     * Adds what Allure shows beside the tests: the run's environment (adapter, kit) and categories that sort
     * skipped scenarios into UNSUPPORTED and OUTSIDE-CONTRACT by the reason the glue gives them.
     */
    public static void writeExtras(Path resultsDir, RunReport run) throws IOException {
        Files.createDirectories(resultsDir);
        Properties env = new Properties();
        env.setProperty("adapter", run.adapter().id());
        env.setProperty("implementation", run.adapter().name());
        env.setProperty("kit.version", run.kitVersion());
        env.setProperty("capabilities.missing", String.join(", ", run.adapter().missing().keySet()));
        try (var w = Files.newBufferedWriter(resultsDir.resolve("environment.properties"), StandardCharsets.UTF_8)) {
            env.store(w, null);
        }
        List<Object> categories = new ArrayList<>();
        categories.add(category("UNSUPPORTED: the adapter cannot create the condition", "skipped", "(?s).*UNSUPPORTED.*"));
        categories.add(category("OUTSIDE-CONTRACT: the call breaks a caller obligation", "skipped", "(?s).*OUTSIDE-CONTRACT.*"));
        categories.add(category("FAIL: not allowed by the documentation", "failed", null));
        categories.add(category("ERROR: crash, hang, protocol breach or kit problem", "broken", null));
        Files.writeString(resultsDir.resolve("categories.json"), Json.write(categories) + "\n");
    }

    private static Object category(String name, String status, String regex) {
        var m = new java.util.LinkedHashMap<String, Object>();
        m.put("name", name);
        m.put("matchedStatuses", List.of(status));
        if (regex != null) m.put("messageRegex", regex);
        return m;
    }

    /** Runs {@code allure generate --single-file} and says what happened; never throws. */
    public static Outcome generate(Path resultsDir, Path reportDir, AllureCommandline.Found tool, long timeoutSeconds) {
        if (!(tool instanceof AllureCommandline.Home(Path home))) {
            return new Failed(((AllureCommandline.NotFound) tool).reason());
        }
        if (!Files.isDirectory(resultsDir)) {
            return new Failed("no Allure results at " + resultsDir + " (is the allure-cucumber7-jvm plugin configured,"
                    + " with allure.results.directory pointing there?)");
        }
        long t0 = System.nanoTime();
        Path out = reportDir.resolve(OUTPUT_DIR);
        Path log = reportDir.resolve(LOG);
        try {
            String javaExe = Path.of(System.getProperty("java.home"), "bin",
                    System.getProperty("os.name", "").startsWith("Windows") ? "java.exe" : "java").toString();
            String cp = home.resolve("lib") + File.separator + "*" + File.pathSeparator + home.resolve("lib").resolve("config");
            ProcessBuilder pb = new ProcessBuilder(javaExe, "-cp", cp, "io.qameta.allure.CommandLine",
                    "generate", "--single-file", "--clean", "-o", out.toString(), resultsDir.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().put("APP_HOME", home.toString());   // where the commandline finds its plugins and config
            Process p = pb.start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                return new Failed("allure generate did not finish within " + timeoutSeconds + " s (see " + LOG + ")");
            }
            if (p.exitValue() != 0 || !Files.isRegularFile(out.resolve("index.html"))) {
                return new Failed("allure generate exited with " + p.exitValue() + ": " + tail(log) + " (see " + LOG + ")");
            }
            return new Generated(LINK, (System.nanoTime() - t0) / 1e9);
        } catch (IOException e) {
            return new Failed("could not run the Allure commandline from " + home + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Failed("interrupted while generating the Allure report");
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
        } catch (IOException e) {
            return "(no output)";
        }
    }
}
