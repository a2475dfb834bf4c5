package xmemck.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import xmemck.spi.Adapters;
import xmemck.spi.SutProvider;

/** {@code ck list adapters}: every adapter on the class path, with what it runs. */
@Command(name = "adapters", mixinStandardHelpOptions = true, versionProvider = Ck.Version.class, description = "The adapters --adapter accepts, and what each runs.",
        footer = {"", "Examples:", "  ck list adapters", "  ck run --adapter reference"})
final class ListAdaptersCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        var all = Adapters.available();
        if (all.isEmpty()) {
            spec.commandLine().getErr().println("ck list adapters: no adapter on the class path");
            return Ck.FAILED;
        }
        int width = all.stream().mapToInt(p -> p.id().length()).max().orElse(0);
        for (SutProvider p : all) {
            out.printf("%-" + width + "s  %s%s%n", p.id(), p.description(),
                    AdapterChoice.BUILT_IN.contains(p.id()) ? "  [ck run runs it by default]" : "");
        }
        return Ck.OK;
    }
}
