package xmemck.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ck list faults}: the seeded faults of the C example (or of another implementation that follows its
 * convention), as its {@code --list-faults} prints them: name, the clause the kit must catch it on, description.
 */
@Command(name = "faults", mixinStandardHelpOptions = true, versionProvider = Ck.Version.class,
        description = {"The seeded faults of the C example (its --list-faults): each one's name, the clause the kit must report",
                "when it catches it, and the defect. Run one with: ck run --adapter process --fault NAME"},
        footer = {"", "Examples:", "  ck list faults", "  ck list faults --sut \"path/to/impl\"   an implementation with the same convention"})
final class ListFaultsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--sut", paramLabel = "COMMAND", description = "the implementation to ask (default: the C example)")
    String sut;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<String> command = new ArrayList<>();
        if (sut == null) {
            if (!KitPaths.cExampleBuilt()) {
                err.println("ck list faults: the C example is not built at " + KitPaths.cExample() + ": " + KitPaths.BUILD_C_EXAMPLE);
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
        command.add("--list-faults");
        Process p;
        try {
            p = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        } catch (IOException e) {
            err.println("ck list faults: cannot start " + String.join(" ", command) + ": " + e.getMessage());
            return Ck.ADAPTER_FAILED;
        }
        byte[] stdout;
        String stderr;
        try (var in = p.getInputStream(); var e = p.getErrorStream()) {
            stdout = in.readAllBytes();
            stderr = new String(e.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            err.println("ck list faults: cannot read its output: " + e.getMessage());
            return Ck.ADAPTER_FAILED;
        }
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            err.println("ck list faults: " + String.join(" ", command) + " did not exit within 10 s");
            return Ck.ADAPTER_FAILED;
        }
        if (p.exitValue() != 0) {
            err.println("ck list faults: " + String.join(" ", command) + " exited with status " + p.exitValue() + (stderr.isBlank() ? "" : ": " + stderr.strip()));
            return Ck.ADAPTER_FAILED;
        }
        List<String[]> faults = new ArrayList<>();
        for (String line : new String(stdout, StandardCharsets.UTF_8).split("\n")) {
            if (line.isBlank()) continue;
            String[] f = line.split("\t", 3);
            if (f.length != 3) {
                err.println("ck list faults: a line is not NAME<TAB>CLAUSE<TAB>DESCRIPTION: " + line);
                return Ck.ADAPTER_FAILED;
            }
            faults.add(f);
        }
        int name = faults.stream().mapToInt(f -> f[0].length()).max().orElse(4);
        int clause = faults.stream().mapToInt(f -> f[1].length()).max().orElse(6);
        out.printf("%-" + name + "s  %-" + clause + "s  %s%n", "FAULT", "CAUGHT ON", "DEFECT");
        for (String[] f : faults) out.printf("%-" + name + "s  %-" + clause + "s  %s%n", f[0], f[1], f[2]);
        return Ck.OK;
    }
}
