package xmemck.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ck list adapters|clauses|faults}. */
@Command(
        name = "list",
        mixinStandardHelpOptions = true,
        versionProvider = Ck.Version.class,
        description =
                "List what the kit knows: adapters, documented clauses, the C example's seeded faults.",
        subcommands = {
            ListAdaptersCommand.class,
            ListClausesCommand.class,
            ListFaultsCommand.class
        },
        footer = {
            "",
            "Examples:",
            "  ck list adapters",
            "  ck list clauses --service copyout",
            "  ck list faults"
        })
final class ListCommand implements Runnable {
    @Spec CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
