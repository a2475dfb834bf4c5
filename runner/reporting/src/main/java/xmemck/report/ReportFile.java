package xmemck.report;

/**
 * One output linked from index.html. {@code href} is relative to the report directory, or null when the output
 * could not be produced, in which case {@code note} says why.
 */
public record ReportFile(String label, String href, String note) {
    public static ReportFile ok(String label, String href, String note) { return new ReportFile(label, href, note); }

    public static ReportFile missing(String label, String why) { return new ReportFile(label, null, why); }

    public boolean produced() { return href != null; }
}
