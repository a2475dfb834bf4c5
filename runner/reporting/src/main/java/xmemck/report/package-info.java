/**
 * The reports of a run: {@link xmemck.report.ConformancePlugin} (a Cucumber plugin) collects the
 * scenario results the glue recorded and {@link xmemck.report.ReportWriter} renders them, as pure
 * functions of a {@link xmemck.records.RunReport}, into index.html, the conformance matrix,
 * summary.json, profile.json, results.json and the Allure single-file report (made in this JVM by
 * the Allure commandline's generator, {@code AllureGenerator}, and in {@code ck run} in the
 * background, {@link xmemck.report.AllureBackground}); {@code ReportAudit} and {@code PageCheck}
 * (test code) check the result the way a reader would. reports/README.md describes every output.
 */
package xmemck.report;
