package xmemck.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import xmemck.oracle.Verdict;
import xmemck.records.Matrix;
import xmemck.records.Totals;

/**
 * The pass rates Cucumber and Allure print, as each tool works them out, and the note on index.html
 * that explains them.
 */
class PassRatesTest {

    private static PassRates rates(int pass, int outside, int unsupported, int fail, int error) {
        return PassRates.of(
                new Totals(
                        Map.of(
                                Verdict.PASS,
                                pass,
                                Verdict.OUTSIDE_CONTRACT,
                                outside,
                                Verdict.UNSUPPORTED,
                                unsupported,
                                Verdict.FAIL,
                                fail,
                                Verdict.ERROR,
                                error)));
    }

    @Test
    void cucumberCountsSkippedScenariosAndAllureLeavesThemOut() {
        PassRates linux =
                rates(1019, 37, 78, 0, 0); // a Linux run: Cucumber printed 89.8%, Allure 100%
        assertEquals("89.8 %", linux.cucumber());
        assertEquals("100 %", linux.allure());
        PassRates broken = rates(344, 72, 0, 1, 2);
        assertEquals("82.1 %", broken.cucumber(), "344 / 419 rounded down");
        assertEquals("99.13 %", broken.allure(), "344 / 347 rounded down");
        assertEquals("0 %", rates(0, 3, 0, 0, 0).allure(), "nothing judged");
    }

    @Test
    void theIndexExplainsTheDifferenceWithTheRunsNumbers() {
        var run = Fixtures.mixedRun(); // 2 PASS, 1 OUTSIDE-CONTRACT, 1 UNSUPPORTED, 1 FAIL, 1 ERROR
        String html = IndexPage.render(run, Matrix.of(Fixtures.CATALOGUE, List.of(run)), List.of());
        String text = PageCheck.visibleText(html);
        assertTrue(
                text.contains(
                        "Cucumber divides the passed scenarios by all of them (here 2 / 6 = 33.3 %)"),
                text);
        assertTrue(
                text.contains(
                        "Allure's Overview divides them by those that passed, failed or broke, leaving the 2 skipped out (2 / 4 = 50 %)"),
                text);
        assertTrue(text.contains("never as passed"), text);
    }
}
