package xmemck.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The seeded faults of an implementation, as it lists them with {@code --list-faults} (the C
 * example's convention): one {@code NAME<TAB>CLAUSE<TAB>DEFECT} line each, exit status 0. An
 * implementation that does not list them this way has no seeded faults for the kit.
 */
final class SeededFaults {
    private SeededFaults() {}

    /**
     * One seeded fault: its name, the clause the kit must report when it catches it, and the
     * defect.
     */
    record Fault(String name, String clause, String defect) {}

    /**
     * The implementation ran but listed no faults: it exited with an error, printed something else,
     * or hung.
     */
    static final class NotListed extends Exception {
        NotListed(String message) {
            super(message);
        }
    }

    /**
     * Runs {@code command --list-faults} (standard input empty, at most 10 s).
     *
     * @throws CliProblem ({@link Ck#ADAPTER_FAILED}) the command could not be started or read
     * @throws NotListed it ran but did not list faults
     */
    static List<Fault> list(List<String> command) throws NotListed, InterruptedException {
        List<String> words = new ArrayList<>(command);
        words.add("--list-faults");
        String shown = String.join(" ", words);
        Process p;
        try {
            p =
                    new ProcessBuilder(words)
                            .redirectInput(
                                    ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                            .start();
        } catch (IOException e) {
            throw new CliProblem(
                    Ck.ADAPTER_FAILED, "cannot start " + shown + ": " + e.getMessage());
        }
        byte[] stdout;
        String stderr;
        try (var in = p.getInputStream();
                var e = p.getErrorStream()) {
            stdout = in.readAllBytes();
            stderr = new String(e.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            p.destroyForcibly();
            throw new CliProblem(
                    Ck.ADAPTER_FAILED,
                    "cannot read the output of " + shown + ": " + e.getMessage());
        }
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new NotListed(shown + " did not exit within 10 s");
        }
        if (p.exitValue() != 0) {
            throw new NotListed(
                    shown
                            + " exited with status "
                            + p.exitValue()
                            + (stderr.isBlank() ? "" : ": " + stderr.strip()));
        }
        List<Fault> faults = new ArrayList<>();
        for (String line : new String(stdout, StandardCharsets.UTF_8).split("\n")) {
            if (line.isBlank()) continue;
            String[] f = line.split("\t", 3);
            if (f.length != 3)
                throw new NotListed(
                        shown + " printed a line that is not NAME<TAB>CLAUSE<TAB>DEFECT: " + line);
            faults.add(new Fault(f[0], f[1], f[2]));
        }
        return faults;
    }
}
