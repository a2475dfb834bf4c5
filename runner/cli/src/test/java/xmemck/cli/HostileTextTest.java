package xmemck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static xmemck.cli.Cli.ck;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Text an implementation controls, written to attack the reader of the reports ({@link
 * HostileAdapters}): script payloads never run in any page (the kit's, Cucumber's, Allure's), shown
 * in headless Chromium; a lone surrogate never stops a report from being written; 5 MB of text
 * never makes huge pages.
 */
class HostileTextTest {

    /**
     * Every report of the run, opened in Chromium: the payload is shown as text somewhere and never
     * runs.
     */
    @Test
    void scriptPayloadsNeverRunInAnyReport(@TempDir Path dir) throws Exception {
        var chromium = HeadlessChromium.find();
        Assumptions.assumeTrue(
                chromium.isPresent(),
                "no Chromium (apt-get install -y chromium, or set CHROMIUM): the pages cannot be opened");
        Cli.Ran r =
                ck(
                        RunTest.JAN_2027,
                        "run",
                        "--adapter",
                        HostileAdapters.HostileProvider.ID,
                        "--features",
                        Cli.features(dir).toString(),
                        "--report-dir",
                        dir.resolve("reports").toString(),
                        "--quiet");
        assertEquals(1, r.status(), "two ERROR scenarios: " + r.all());
        Path root = dir.resolve("reports");
        Path run = root.resolve(HostileAdapters.HostileProvider.ID);
        assertTrue(
                Files.isRegularFile(run.resolve("allure-report/index.html")),
                "the Allure report is made: " + r.all());
        String allure = run.resolve("allure-report/index.html").toUri().toString();
        List<String> pages =
                new ArrayList<>(
                        List.of(
                                root.resolve("index.html").toUri().toString(),
                                root.resolve("matrix.html").toUri().toString(),
                                run.resolve("index.html").toUri().toString(),
                                run.resolve("matrix.html").toUri().toString(),
                                run.resolve("cucumber.html").toUri().toString(),
                                allure,
                                allure + "#suites",
                                allure + "#categories",
                                allure + "#behaviors",
                                allure + "#graph",
                                allure + "#timeline"));
        List<String> ran = new ArrayList<>();
        List<String> shown = new ArrayList<>();
        StringBuilder seen = new StringBuilder();
        try (HeadlessChromium browser = new HeadlessChromium(chromium.get())) {
            browser.open(allure + "#suites", Duration.ofMillis(500));
            String links =
                    browser.eval(
                            "Array.from(document.querySelectorAll('a[href^=\"#suites/\"]')).map(a => a.getAttribute('href')).join(' ')");
            for (String link : links.split(" ")) if (!link.isBlank()) pages.add(allure + link);
            // Every scenario's own page, and its categories' (where Allure groups failures by their
            // message).
            browser.open(allure + "#categories", Duration.ofMillis(500));
            links =
                    browser.eval(
                            "Array.from(document.querySelectorAll('a[href^=\"#categories/\"]')).map(a => a.getAttribute('href')).join(' ')");
            for (String link : links.split(" ")) if (!link.isBlank()) pages.add(allure + link);
            assertTrue(pages.size() >= 14, "Allure's tree lists the scenarios: " + pages);
            for (String page : pages) {
                browser.open(page, Duration.ofMillis(500));
                if (!"null"
                        .equals(
                                browser.eval(
                                        "document.body && document.body.getAttribute('data-xss')")))
                    ran.add(page);
                String text = browser.eval("document.body ? document.body.innerText : ''");
                if (text.contains("onerror=")) shown.add(page);
                int at = text.indexOf("crashed:");
                if (at >= 0)
                    seen.append(page)
                            .append(": ")
                            .append(text, at, Math.min(text.length(), at + 200))
                            .append('\n');
            }
        }
        assertEquals(List.of(), ran, "the payload ran in these pages");
        for (String kitPage : pages.subList(0, 4))
            assertTrue(
                    shown.contains(kitPage),
                    "the payload is shown as text in " + kitPage + ": " + shown);
        assertTrue(
                shown.stream().anyMatch(p -> p.contains("allure-report/index.html#")),
                "Allure shows the payload as text: " + shown + "\n" + seen);
    }

    /**
     * A lone surrogate in a saved results.json (a JSON escape) never stops the pages from being
     * written: it shows as U+FFFD.
     */
    @Test
    void aLoneSurrogateNeverCostsAReport(@TempDir Path dir) throws IOException {
        Cli.Ran r =
                ck(
                        RunTest.JAN_2027,
                        Cli.referenceRun(
                                dir,
                                "--quiet",
                                "--no-allure",
                                "--tags",
                                "@clause:copyout.fail.paging-fault"));
        assertEquals(0, r.status(), r.all());
        Path run = dir.resolve("reports/reference");
        Path results = run.resolve("results.json");
        String json = Files.readString(results);
        json =
                json.replaceFirst(
                                "\"name\": \"reference[^\"]*\"",
                                java.util.regex.Matcher.quoteReplacement(
                                        "\"name\": \"half an emoji \\ud83d here\""))
                        .replace(
                                "\"a copy that runs into a read-only page fails\"",
                                "\"read-only \\udc00 page\"");
        assertTrue(json.contains("\\ud83d") && json.contains("\\udc00"), json);
        Files.writeString(results, json);
        for (String f : List.of("index.html", "matrix.html", "summary.json"))
            Files.delete(run.resolve(f));
        for (String f : List.of("index.html", "matrix.html"))
            Files.delete(dir.resolve("reports").resolve(f));
        Cli.Ran rebuilt = ck("report", dir.resolve("reports").toString());
        assertEquals(0, rebuilt.status(), rebuilt.all());
        for (String f : List.of("index.html", "matrix.html", "summary.json", "results.json")) {
            assertTrue(Files.isRegularFile(run.resolve(f)), f + " written: " + rebuilt.all());
        }
        assertTrue(
                Files.readString(run.resolve("index.html")).contains("half an emoji \ufffd here"),
                "shown as U+FFFD");
        for (String f : List.of("index.html", "matrix.html"))
            assertTrue(
                    Files.isRegularFile(dir.resolve("reports").resolve(f)), "the overview's " + f);
        String back = Files.readString(run.resolve("results.json"));
        assertTrue(
                back.contains("read-only \ufffd page")
                        || back.toLowerCase(java.util.Locale.ROOT)
                                .contains("read-only \\ufffd page"),
                "the scenario's name, written back: "
                        + back.lines().filter(l -> l.contains("read-only")).toList());
    }

    /**
     * 5 MB of text in each place the implementation controls: cut, with a notice, and no page grows
     * with it.
     */
    @Test
    void fiveMegabytesOfNameMakeNoHugePages(@TempDir Path dir) throws IOException {
        Cli.Ran r =
                ck(
                        RunTest.JAN_2027,
                        "run",
                        "--adapter",
                        HostileAdapters.HugeProvider.ID,
                        "--features",
                        Cli.features(dir).toString(),
                        "--report-dir",
                        dir.resolve("reports").toString(),
                        "--quiet",
                        "--no-allure");
        assertEquals(1, r.status(), r.all().length() > 5000 ? r.all().substring(0, 5000) : r.all());
        for (String f :
                List.of("cucumber.html", "cucumber-messages.ndjson", "cucumber-junit.xml")) {
            long size =
                    Files.size(
                            dir.resolve("reports")
                                    .resolve(HostileAdapters.HugeProvider.ID)
                                    .resolve(f));
            assertTrue(size < 5_000_000, "Cucumber's " + f + " is " + size + " bytes");
        }
        Path run = dir.resolve("reports").resolve(HostileAdapters.HugeProvider.ID);
        for (String f :
                List.of(
                        "index.html",
                        "matrix.html",
                        "summary.json",
                        "results.json",
                        "profile.json",
                        "bundle.json")) {
            long size = Files.size(run.resolve(f));
            assertTrue(size < 2_000_000, f + " is " + size + " bytes");
        }
        assertTrue(
                Files.size(dir.resolve("reports/index.html")) < 2_000_000
                        && Files.size(dir.resolve("reports/matrix.html")) < 2_000_000);
        String results = Files.readString(run.resolve("results.json"));
        assertTrue(results.contains("(cut, 52428"), "a cut notice says how long it was");
        assertTrue(
                r.all().length() < 1_000_000,
                "ck's own output is bounded too: " + r.all().length() + " chars");
    }
}
