package xmemck.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import xmemck.spi.Adapters;
import xmemck.spi.SutProvider;

/**
 * {@code ck list adapters}: every adapter on the class path and in the jars of {@code
 * --adapter-path}, with what it runs.
 */
@Command(
        name = "adapters",
        mixinStandardHelpOptions = true,
        versionProvider = Ck.Version.class,
        description = "The adapters --adapter accepts, and what each runs.",
        footer = {
            "",
            "Examples:",
            "  ck list adapters",
            "  ck list adapters --adapter-path my-emulator.jar     the kit's adapters and those of the jar",
            "  ck run --adapter reference"
        })
final class ListAdaptersCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin AdapterOptions.AdapterPath path;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        AdapterOptions.Outside outside;
        try {
            outside = path.load();
        } catch (CliProblem p) {
            for (String line : p.getMessage().split("\n"))
                spec.commandLine().getErr().println("ck list adapters: " + line);
            return p.status();
        }
        var all = Adapters.available();
        if (all.isEmpty()) {
            spec.commandLine().getErr().println("ck list adapters: no adapter on the class path");
            return Ck.FAILED;
        }
        int width = all.stream().mapToInt(p -> p.id().length()).max().orElse(0);
        for (SutProvider p : all) {
            String jar = outside.jarOf(p);
            out.printf(
                    "%-" + width + "s  %s%s%n",
                    p.id(),
                    p.description(),
                    jar != null
                            ? "  [from " + jar + "]"
                            : AdapterChoice.BUILT_IN.contains(p.id())
                                    ? "  [ck run runs it by default]"
                                    : "");
        }
        return Ck.OK;
    }
}
