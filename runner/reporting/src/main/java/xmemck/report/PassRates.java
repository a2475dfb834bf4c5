package xmemck.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import xmemck.oracle.Verdict;
import xmemck.records.Totals;

/**
 * The pass rates Cucumber's and Allure's reports print for a run, worked out the way each tool
 * does, so index.html can show why they differ. Both show UNSUPPORTED and OUTSIDE-CONTRACT
 * scenarios as skipped; they differ in what they divide by:
 *
 * <ul>
 *   <li>Cucumber's HTML report: passed ÷ every scenario, skipped ones included, rounded down to 0.1
 *       % ("89.8% (1019 / 1134) passed");
 *   <li>Allure's Overview (the pie chart's figure): passed ÷ (passed + failed + broken), skipped
 *       ones left out, rounded down to 0.01 %; FAIL shows as failed and ERROR as broken there.
 * </ul>
 */
record PassRates(int passed, int skipped, int failedOrBroken) {

    static PassRates of(Totals t) {
        return new PassRates(
                t.get(Verdict.PASS),
                t.get(Verdict.UNSUPPORTED) + t.get(Verdict.OUTSIDE_CONTRACT),
                t.broken());
    }

    int all() {
        return passed + skipped + failedOrBroken;
    }

    int judged() {
        return passed + failedOrBroken;
    }

    /** Cucumber's figure, e.g. "89.8 %". */
    String cucumber() {
        return percent(passed, all(), 1);
    }

    /** Allure's figure, e.g. "100 %". */
    String allure() {
        return percent(passed, judged(), 2);
    }

    private static String percent(int part, int whole, int decimals) {
        if (whole == 0 || part == 0) return "0 %";
        BigDecimal p =
                BigDecimal.valueOf(100L * part)
                        .divide(BigDecimal.valueOf(whole), decimals, RoundingMode.FLOOR);
        return p.stripTrailingZeros().toPlainString() + " %";
    }
}
