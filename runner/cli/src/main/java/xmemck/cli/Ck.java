package xmemck.cli;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.UsageMessageSpec;
import picocli.CommandLine.Spec;

/** {@code ck}: the kit's command line. Without a subcommand it prints its usage. */
@Command(
        name = "ck",
        mixinStandardHelpOptions = true,
        versionProvider = Ck.Version.class,
        description =
                "xmemck: conformance kit and specification oracle for xmemout, vm_mvc and copyout.",
        subcommands = {
            RunCommand.class,
            ListCommand.class,
            ExplainCommand.class,
            FuzzCommand.class,
            ReportCommand.class,
            VerifyBundleCommand.class,
            CommandLine.HelpCommand.class
        },
        footer = {
            "",
            "Examples:",
            "  ck run                                   every built-in adapter, reports in reports/",
            "  ck run --adapter process --sut ./my-impl --expectations my-impl.expectations",
            "  ck list clauses",
            "  ck explain my-question.feature",
            "  ck fuzz --adapter reference --seconds 60",
            "  ck <command> --help                      the options of a command"
        })
public final class Ck implements Runnable {

    /**
     * Exit statuses, the same for every command ({@link #EXIT_CODES} says what each means; every
     * command's help and runner/README.md show that table). When several apply, a command exits
     * with the highest.
     */
    public static final int OK = 0,
            FAILED = 1,
            USAGE = 2,
            ADAPTER_FAILED = 3,
            REPORTS_NOT_WRITTEN = 4,
            NOTHING_JUDGED = 5;

    /** The exit-code table of every command's help, in picocli's exit-code section. */
    static final Map<String, String> EXIT_CODES = exitCodes();

    /** The heading of that section. */
    static final String EXIT_CODES_HEADING =
            "%nExit codes (shared by all commands; when several apply, the highest):%n";

    static final int USAGE_WIDTH = 120;

    @Spec CommandSpec spec;

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
        // picocli's own help command in the same style as the others: usage first, then
        // description, options, examples.
        cl.getSubcommands()
                .get("help")
                .getCommandSpec()
                .usageMessage()
                .header(new String[0])
                .synopsisHeading("Usage: ")
                .description(
                        "Display help information about the specified command: ck help COMMAND is ck COMMAND --help.")
                .footer(
                        "",
                        "Examples:",
                        "  ck help                                  the same as ck --help",
                        "  ck help fuzz                             the same as ck fuzz --help");
        helpStyle(cl);
        return cl;
    }

    /**
     * One help style for every command: usage, description, parameters and options, subcommands,
     * examples (each command's footer), then the shared exit-code table. Applied to the whole
     * command tree, so no command can miss it.
     */
    static void helpStyle(CommandLine root) {
        List<String> keys = new ArrayList<>(root.getHelpSectionKeys());
        keys.remove(UsageMessageSpec.SECTION_KEY_EXIT_CODE_LIST_HEADING);
        keys.remove(UsageMessageSpec.SECTION_KEY_EXIT_CODE_LIST);
        keys.add(
                keys.indexOf(UsageMessageSpec.SECTION_KEY_FOOTER) + 1,
                UsageMessageSpec.SECTION_KEY_EXIT_CODE_LIST_HEADING);
        keys.add(
                keys.indexOf(UsageMessageSpec.SECTION_KEY_EXIT_CODE_LIST_HEADING) + 1,
                UsageMessageSpec.SECTION_KEY_EXIT_CODE_LIST);
        root.setHelpSectionKeys(keys); // the whole tree
        exitCodes(root);
    }

    private static void exitCodes(CommandLine cl) {
        cl.getCommandSpec()
                .usageMessage()
                .exitCodeListHeading(EXIT_CODES_HEADING)
                .exitCodeList(EXIT_CODES);
        for (CommandLine sub : cl.getSubcommands().values()) exitCodes(sub);
    }

    private static Map<String, String> exitCodes() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(
                "" + OK,
                "passed: at least one scenario passed and nothing failed (ck fuzz: nothing found; verify-bundle: consistent;"
                        + " report: rebuilt)");
        m.put(
                "" + FAILED,
                "failures: a FAIL or ERROR no expectation covers, an unexpected pass, an expired expectation, profile drift,"
                        + " a merged run that did not pass, failures found by ck fuzz, an inconsistent bundle");
        m.put(
                "" + USAGE,
                "usage or bad input, and nothing was run: an unknown command, option or adapter, a bad option value, an"
                        + " unreadable or malformed input file, --fault with an adapter that has no seeded faults (the message names it)");
        m.put(
                "" + ADAPTER_FAILED,
                "the implementation or adapter could not be used: it did not start, or it failed while fuzzing"
                        + " (its error and exit status are printed)");
        m.put(
                "" + REPORTS_NOT_WRITTEN,
                "the reports could not be written (the message names the file)");
        m.put(
                "" + NOTHING_JUDGED,
                "nothing judged: a run (or a bundle, for verify-bundle) in which no scenario passed or failed (all"
                        + " UNSUPPORTED, OUTSIDE-CONTRACT or ERROR, or none ran): it is not passed and makes no conformance claim");
        return Collections.unmodifiableMap(m);
    }

    /** The kit's version, from the jar's manifest (unknown when run from classes). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"xmemck " + xmemck.records.KitVersion.get()};
        }
    }
}
