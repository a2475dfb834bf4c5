package xmemck.report;

/**
 * One output linked from index.html. {@code href} is relative to the report directory, or null when
 * the output could not be produced (or is still being produced: {@code pending}), in which case
 * {@code note} says why.
 */
public record ReportFile(String label, String href, String note, boolean pending) {
    public static ReportFile ok(String label, String href, String note) {
        return new ReportFile(label, href, note, false);
    }

    public static ReportFile missing(String label, String why) {
        return new ReportFile(label, null, why, false);
    }

    public static ReportFile pending(String label, String note) {
        return new ReportFile(label, null, note, true);
    }

    public boolean produced() {
        return href != null;
    }
}
