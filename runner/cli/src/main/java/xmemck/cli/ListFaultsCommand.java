package xmemck.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ck list faults}: the seeded faults of the C example (or of another implementation that
 * follows its convention), as its {@code --list-faults} prints them: name, the clause the kit must
 * catch it on, description.
 */
@Command(
        name = "faults",
        mixinStandardHelpOptions = true,
        versionProvider = Ck.Version.class,
        description = {
            "The seeded faults of the C example (its --list-faults): each one's name, the clause the kit must report",
            "when it catches it, and the defect. Run one with: ck run --adapter process --fault NAME"
        },
        footer = {
            "",
            "Examples:",
            "  ck list faults",
            "  ck list faults --sut \"path/to/impl\"   an implementation with the same convention",
            "  ck run --adapter process --fault copyout_no_write_check"
        })
final class ListFaultsCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
            names = "--sut",
            paramLabel = "COMMAND",
            description = "the implementation to ask (default: the C example)")
    String sut;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<String> command = new ArrayList<>();
        if (sut == null) {
            if (!KitPaths.cExampleBuilt()) {
                err.println(
                        "ck list faults: the C example is not built at "
                                + KitPaths.cExample()
                                + ": "
                                + KitPaths.BUILD_C_EXAMPLE);
                return Ck.USAGE;
            }
            command.add(KitPaths.cExample().toString());
        } else {
            try {
                command.addAll(xmemck.process.CommandLine.split(sut));
            } catch (IllegalArgumentException e) {
                err.println("ck list faults: --sut: " + e.getMessage());
                return Ck.USAGE;
            }
        }
        List<SeededFaults.Fault> faults;
        try {
            faults = SeededFaults.list(command);
        } catch (CliProblem p) {
            err.println("ck list faults: " + p.getMessage());
            return p.status();
        } catch (SeededFaults.NotListed e) {
            err.println("ck list faults: " + e.getMessage());
            return Ck.ADAPTER_FAILED;
        }
        int name = faults.stream().mapToInt(f -> f.name().length()).max().orElse(4);
        int clause = faults.stream().mapToInt(f -> f.clause().length()).max().orElse(6);
        out.printf("%-" + name + "s  %-" + clause + "s  %s%n", "FAULT", "CAUGHT ON", "DEFECT");
        for (SeededFaults.Fault f : faults)
            out.printf(
                    "%-" + name + "s  %-" + clause + "s  %s%n", f.name(), f.clause(), f.defect());
        return Ck.OK;
    }
}
