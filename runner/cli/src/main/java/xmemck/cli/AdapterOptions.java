package xmemck.cli;

import java.util.List;
import picocli.CommandLine.Option;

/**
 * The implementation a command runs against, shared by {@code ck run} and {@code ck fuzz} as a picocli mixin:
 * {@code --adapter}, {@code --sut}, {@code --fault}, {@code --timeout-ms}. {@link #choose} checks them together
 * ({@link AdapterChoice#resolve}): unknown adapters, {@code --sut} without the process adapter, {@code --fault} with
 * an adapter that has no seeded faults, a timeout below 1 ms.
 */
final class AdapterOptions {

    @Option(names = "--adapter", split = ",", paramLabel = "NAME",
            description = {"the implementation's adapter (ck list adapters shows them). ck run takes several (repeat, or separate with"
                    + " commas) and by default runs every built-in one: reference, process with the C example, linux; ck fuzz takes one.",
                    "With --sut and no --adapter: process alone."})
    List<String> adapters;

    @Option(names = "--sut", paramLabel = "COMMAND",
            description = "the command line that starts a process implementation, split like a shell (quotes, backslashes); for the"
                    + " process adapter, whose default is the C example")
    String sut;

    @Option(names = "--fault", paramLabel = "NAME",
            description = "switch on a seeded fault: only the process adapter has them, with the C example or another implementation"
                    + " that lists its faults (ck list faults shows them); any other adapter is a usage error")
    String fault;

    /** A day: longer is no timeout at all, and larger values overflow the deadline arithmetic. */
    static final long MAX_TIMEOUT_MILLIS = 86_400_000L;

    @Option(names = "--timeout-ms", paramLabel = "N",
            description = "per-call timeout of the implementation, in milliseconds (1 to " + MAX_TIMEOUT_MILLIS + ")")
    Long timeoutMillis;

    /** The adapters these options name, checked; a problem is a {@link CliProblem} with its exit status. */
    List<AdapterChoice> choose(List<String> notes) {
        if (timeoutMillis != null && (timeoutMillis < 1 || timeoutMillis > MAX_TIMEOUT_MILLIS)) {
            throw new CliProblem(Ck.USAGE, "--timeout-ms must be from 1 to " + MAX_TIMEOUT_MILLIS + " (a day), got " + timeoutMillis);
        }
        return AdapterChoice.resolve(adapters, sut, fault, notes);
    }
}
