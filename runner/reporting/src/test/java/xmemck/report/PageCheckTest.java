package xmemck.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What PageCheck reads from pages as Chromium rendered them, and which pages it asks for next. */
class PageCheckTest {

    @TempDir Path dir;

    /** A leaf of Allure's Suites tree in the layout Allure 2.34's page renders. */
    private static String leaf(String uid, String tooltip, String name) {
        return """
                <a class="node node__leaf" href="#suites/parent1/%s/">
                    <div class="node__title" data-uid="%s" data-parentuid="parent1">
                        <div class="node__anchor">
                            <span class="fa fa-check-circle fa-fw text_status_%s fa-lg" data-tooltip="%s"></span>
                        </div>
                        <div class="node__order">#1</div>
                        <div class="node__name">
                            %s
                        </div>
                        <div class="node__stats">101ms</div>
                    </div>
                </a>
                """
                .formatted(uid, uid, tooltip.toLowerCase(java.util.Locale.ROOT), tooltip, name);
    }

    @Test
    void theRenderedSuitesTreeGivesEachScenarioItsShownStatusAndLink() {
        String dom =
                "<div class=\"tree\">"
                        + leaf("a1", "Passed", "copyout copies &lt;8&gt; bytes")
                        + leaf("b2", "Skipped", "copyout at interrupt level")
                        + "</div>";
        assertEquals(
                List.of(
                        new PageCheck.AllureLeaf(
                                "#suites/parent1/a1/", "Passed", "copyout copies <8> bytes"),
                        new PageCheck.AllureLeaf(
                                "#suites/parent1/b2/", "Skipped", "copyout at interrupt level")),
                PageCheck.allureLeaves(dom));
        assertEquals(
                Optional.of("#suites/parent1/b2/"),
                PageCheck.allureFocus(dom),
                "the first skipped scenario");
        assertEquals(
                Optional.of("#suites/parent1/a1/"),
                PageCheck.allureFocus(leaf("a1", "Passed", "x")),
                "else the first");
        assertEquals(Optional.empty(), PageCheck.allureFocus("<div class=\"tree\"></div>"));
    }

    @Test
    void theAllureScenarioIsAskedForOnceItsTreeWasRendered() throws Exception {
        ReportWriter.write(
                dir,
                Fixtures.mixedRun(),
                Fixtures.CATALOGUE,
                r -> new AllureReport.Generated(AllureReport.LINK, 1));
        Files.createDirectories(dir.resolve("allure-report"));
        Files.writeString(dir.resolve(AllureReport.LINK), "<html></html>");
        Path shots = Files.createDirectories(dir.resolve("shots"));
        assertEquals(
                List.of("index", "matrix", "cucumber", "allure-suites"),
                List.copyOf(PageCheck.urls(dir, shots).keySet()));
        for (String page : List.of("index", "matrix", "cucumber"))
            Files.writeString(shots.resolve(page + ".dom.html"), "<html></html>");
        Files.writeString(
                shots.resolve("allure-suites.dom.html"),
                leaf("b2", "Skipped", "copyout at interrupt level"));
        var next = PageCheck.urls(dir, shots);
        assertEquals(List.of("allure"), List.copyOf(next.keySet()));
        assertEquals(
                dir.toUri() + "allure-report/index.html#suites/parent1/b2/", next.get("allure"));
        Files.writeString(shots.resolve("allure.dom.html"), "<html></html>");
        assertEquals(
                List.of(),
                List.copyOf(PageCheck.urls(dir, shots).keySet()),
                "nothing left to open");
    }
}
