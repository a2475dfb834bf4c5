package xmemck.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import picocli.CommandLine;

/**
 * Runs ck in this JVM and captures what it prints; and small feature folders for runs that must be
 * quick.
 */
final class Cli {
    private Cli() {}

    record Ran(int status, String out, String err) {
        String all() {
            return out + err;
        }
    }

    static Ran ck(String... args) {
        return ck(null, args);
    }

    /** {@code clock}, when not null, is the date {@code ck run} decides expiry with. */
    static Ran ck(Clock clock, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Ck.commandLine();
        if (clock != null) {
            ((RunCommand) cl.getSubcommands().get("run").getCommand()).clock = clock;
            ((ReportCommand) cl.getSubcommands().get("report").getCommand()).clock = clock;
        }
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int status = cl.execute(args);
        return new Ran(status, out.toString(), err.toString());
    }

    /**
     * A features folder with two copyout scenarios: copies.feature line 9 copies 1 byte (passes
     * everywhere), line 10 copies 4096 bytes (the test-short-copy adapter copies one byte too few:
     * FAIL); failures.feature line 6 is a copy into a read-only page, whose prefix is
     * implementation-defined.
     */
    static Path features(Path dir) throws IOException {
        Path f = Files.createDirectories(dir.resolve("features").resolve("copyout"));
        Files.writeString(
                f.resolve("copies.feature"),
                """
                Feature: copies

                  @clause:copyout.succ
                  Scenario Outline: copyout copies <count> bytes
                    Given a user process p1
                    And a kernel buffer kbuf of 2 pages
                    And a user buffer ubuf of 2 pages in process p1
                    When process p1 calls copyout(kbuf+0, ubuf+0, <count>)
                    Then copyout returns 0
                    And the <count> bytes at ubuf+0 are a copy of kbuf+0

                    Examples:
                      | count |
                      | 1     |
                      | 4096  |
                """);
        Files.writeString(
                f.resolve("failures.feature"),
                """
                Feature: failures

                  @clause:copyout.fail.paging-fault
                  Scenario: a copy that runs into a read-only page fails
                    Given a user process p1
                    And a kernel buffer kbuf of 1 page
                    And a user buffer ubuf of 2 pages in process p1
                    And page 1 of ubuf is read-only
                    When process p1 calls copyout(kbuf+0, ubuf+4090, 16)
                    Then copyout returns -1
                    And the 16 bytes at ubuf+4090 are unchanged or partly a copy of kbuf+0
                """);
        return dir.resolve("features");
    }

    static final String ONE_BYTE = "features/copyout/copies.feature:14";
    static final String PAGE = "features/copyout/copies.feature:15";
    static final String READ_ONLY = "features/copyout/failures.feature:4";

    /**
     * The arguments of {@code ck run} of the reference over the features under {@code dir} ({@link
     * #features}), reports in {@code dir/reports}, then {@code more}.
     */
    static String[] referenceRun(Path dir, String... more) throws IOException {
        java.util.List<String> args =
                new java.util.ArrayList<>(
                        java.util.List.of(
                                "run",
                                "--adapter",
                                "reference",
                                "--features",
                                features(dir).toString(),
                                "--report-dir",
                                dir.resolve("reports").toString()));
        args.addAll(java.util.List.of(more));
        return args.toArray(String[]::new);
    }
}
