package xmemck.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ck}: the kit's command line. Without a subcommand it prints its usage. */
@Command(name = "ck",
        mixinStandardHelpOptions = true,
        versionProvider = Ck.Version.class,
        description = "xmemck: conformance kit and specification oracle for xmemout, vm_mvc and copyout.",
        subcommands = {RunCommand.class, ListCommand.class, ExplainCommand.class, FuzzCommand.class, ReportCommand.class,
                VerifyBundleCommand.class, CommandLine.HelpCommand.class},
        footer = {"",
                "Exit status: 0 nothing failed; 1 something failed (a FAIL or ERROR no expectation covers, an unexpected",
                "pass, an expired expectation, profile drift, an inconsistent bundle); 2 bad input (the message names it);",
                "3 an implementation could not be started.",
                "",
                "Examples:",
                "  ck run                                   every built-in adapter, reports in reports/",
                "  ck run --adapter process --sut ./my-impl --expectations my-impl.expectations",
                "  ck list clauses",
                "  ck explain my-question.feature",
                "  ck fuzz --adapter reference --seconds 60",
                "  ck <command> --help                      the options of a command"})
public final class Ck implements Runnable {

    /** Exit statuses shared by every command. */
    public static final int OK = 0, FAILED = 1, USAGE = 2, ADAPTER_FAILED = 3;

    static final int USAGE_WIDTH = 120;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line (also used by tests). */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Ck());
        // Wide enough for the examples; set before anything else so every subcommand gets it.
        cl.setUsageHelpWidth(USAGE_WIDTH);
        // ck fuzz hands its arguments to the fuzzer in order, options included (FuzzCommand).
        cl.getSubcommands().get("fuzz").setUnmatchedOptionsArePositionalParams(true);
        return cl;
    }

    /** The kit's version, from the jar's manifest (unknown when run from classes). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"xmemck " + xmemck.records.KitVersion.get()};
        }
    }
}
