package xmemck.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import xmemck.conformance.BundleCheck;
import xmemck.conformance.InputFileException;

/** {@code ck verify-bundle FILE}: is a results bundle consistent in itself and with this kit? */
@Command(
        name = "verify-bundle",
        mixinStandardHelpOptions = true,
        versionProvider = Ck.Version.class,
        description = {
            "Check a results bundle (bundle.json): its totals match its scenarios' verdicts, expected failures are FAIL or",
            "ERROR and counted right, \"passed\" follows from the rest, hashes are SHA-256, and every clause id, capability",
            "and seed is one this kit knows. With --expectations, also that the run used exactly that file."
        },
        footer = {
            "",
            "Exit status: 0 consistent, 1 inconsistent (each problem is listed with its line), 2 unreadable, 5 consistent but",
            "judged nothing (no scenario passed or failed: not a conformance claim).",
            "",
            "A conformance claim needs at least one PASS, no FAIL or ERROR the expectations file does not list, and no",
            "problem; it covers only the clauses it judged (a PASS scenario names them, or a FAIL's findings do).",
            "",
            "Examples:",
            "  ck verify-bundle reports/process/bundle.json",
            "  ck verify-bundle bundle.json --expectations my-impl.expectations"
        })
final class VerifyBundleCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "the bundle.json to check")
    Path file;

    @Option(
            names = "--expectations",
            paramLabel = "FILE",
            description = "the expectations file the run should have used")
    Path expectations;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        BundleCheck.Result r;
        try {
            r = BundleCheck.verify(file, expectations);
        } catch (InputFileException e) {
            err.println("ck verify-bundle: " + e.getMessage());
            return Ck.USAGE;
        }
        if (r.consistent() && r.judgedNothing()) {
            out.println(
                    file
                            + ": consistent, but not a conformance claim: it judged no clause (no scenario passed or failed): "
                            + r.claim());
            return Ck.NOTHING_JUDGED;
        }
        if (r.consistent()) {
            out.println(file + ": consistent: " + r.claim());
            return Ck.OK;
        }
        for (String p : r.problems()) err.println(p);
        err.println(
                file
                        + ": "
                        + r.problems().size()
                        + " problem(s)"
                        + (r.claim().isEmpty() ? "" : "; it claims: " + r.claim()));
        return Ck.FAILED;
    }
}
