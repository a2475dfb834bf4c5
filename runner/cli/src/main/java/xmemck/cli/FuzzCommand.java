package xmemck.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import xmemck.fuzz.FuzzRun;

/**
 * {@code ck fuzz}: differential fuzzing through {@link FuzzRun#execute}, whose exit status it keeps (0 nothing found,
 * 1 failures, 2 usage, 3 adapter failed). ck adds the partition of seeds into shards, {@code --report-dir} as the
 * other commands spell it, and the C example as the process adapter's default implementation.
 */
@Command(name = "fuzz", mixinStandardHelpOptions = true, versionProvider = Ck.Version.class,
        description = {"Generate cases against an implementation, compare each call with the oracle, shrink each new kind of failure",
                "to a minimal counterexample and write it as a replayable scenario (REPORT-DIR/regressions/*.feature).",
                "",
                "Options of ck (the others go to the fuzzer, listed below):",
                "  --report-dir DIR   the report folder (also --report; default reports)",
                "  --seeds A..B       fuzz each of these seeds (or A,B,C); with --shard only this shard's share",
                "  --shard I/N        shard I of N: the seeds at positions I, I+N, ... of --seeds; with --seed S, seed S+I-1",
                "  several seeds write to REPORT-DIR/seed-S/ each",
                "",
                "Options of the fuzzer:", FuzzRun.USAGE_TEXT},
        footer = {"", "Exit status: 0 nothing found, 1 failures found, 2 bad arguments, 3 the adapter failed to start.", "",
                "Examples:",
                "  ck fuzz --adapter reference --seconds 60",
                "  ck fuzz --adapter process --seconds 300 --seed 42          the C example",
                "  ck fuzz --adapter process --sut ./my-impl --tries 10000",
                "  ck fuzz --adapter linux --seeds 1..8 --shard 2/4 --seconds 600   seeds 2 and 6, ten minutes each",
                "  ck fuzz --adapter linux --seed 12345 --case 17           replay case 17 of a run"})
final class FuzzCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "ARGS", description = "the fuzzer's arguments (see above)")
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        FuzzArguments parsed;
        try {
            parsed = FuzzArguments.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("ck fuzz: " + e.getMessage());
            err.print(FuzzRun.USAGE_TEXT);
            err.flush();
            return FuzzRun.USAGE;
        }
        err.flush();
        PrintStream stream = System.err;
        if (parsed.seeds().size() <= 1) {
            return FuzzRun.execute(parsed.forSeed(parsed.seeds().isEmpty() ? null : parsed.seeds().getFirst(), parsed.reportDir()), stream);
        }
        int worst = FuzzRun.OK;
        for (long seed : parsed.seeds()) {
            Path dir = parsed.reportDir().resolve("seed-" + seed);
            stream.println("ck fuzz: seed " + seed + " (" + (parsed.seeds().indexOf(seed) + 1) + " of " + parsed.seeds().size() + "), reports in " + dir);
            int status = FuzzRun.execute(parsed.forSeed(seed, dir), stream);
            if (status == FuzzRun.USAGE) return status;
            worst = rank(status) > rank(worst) ? status : worst;
        }
        return worst;
    }

    /** Adapter failures outrank findings, which outrank a clean run. */
    private static int rank(int status) {
        return switch (status) {
            case FuzzRun.ADAPTER_FAILED -> 2;
            case FuzzRun.FAILURES -> 1;
            default -> 0;
        };
    }
}
