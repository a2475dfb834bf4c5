package xmemck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static xmemck.cli.Cli.ck;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The command line as a whole: usage, one help style on every command (usage, description, options,
 * examples, the shared exit codes), unknown commands and options.
 */
class CkTest {

    static final List<String> COMMANDS =
            List.of("run", "list", "explain", "fuzz", "report", "verify-bundle");

    /** Every command's path below ck ("run", "list faults", "help", ...). */
    static List<List<String>> commandPaths() {
        List<List<String>> out = new ArrayList<>();
        walk(Ck.commandLine(), new ArrayList<>(), out);
        return out;
    }

    private static void walk(CommandLine cl, List<String> path, List<List<String>> out) {
        for (var e : cl.getSubcommands().entrySet()) {
            List<String> p = new ArrayList<>(path);
            p.add(e.getKey());
            out.add(p);
            walk(e.getValue(), p, out);
        }
    }

    /** The exit-code section every help ends with: each code of the shared table, in order. */
    static void assertExitCodes(String help, String where) {
        int at = help.indexOf("Exit codes (shared by all commands");
        assertTrue(at > 0, where + " has no exit-code section:\n" + help);
        int examples = help.indexOf("Examples:");
        assertTrue(examples > 0 && examples < at, where + ": examples, then exit codes:\n" + help);
        String section = help.substring(at);
        int last = 0;
        for (var code : Ck.EXIT_CODES.keySet()) {
            int i = section.indexOf("\n  " + code + " ", last);
            assertTrue(i > last, where + ": exit code " + code + " in\n" + section);
            last = i;
        }
        assertEquals(List.of("0", "1", "2", "3", "4", "5"), List.copyOf(Ck.EXIT_CODES.keySet()));
    }

    @Test
    void withoutArgumentsItPrintsUsageNamingEveryCommandAndTheExitCodes() {
        Cli.Ran r = ck();
        assertEquals(0, r.status());
        for (String c : COMMANDS)
            assertTrue(r.out().contains("\n  " + c + " "), c + " in\n" + r.out());
        assertExitCodes(r.out(), "ck");
    }

    @Test
    void everyCommandsHelpHasUsageDescriptionOptionsExamplesAndTheSharedExitCodes() {
        List<List<String>> paths = commandPaths();
        assertTrue(
                paths.stream().map(p -> p.getFirst()).toList().containsAll(COMMANDS),
                paths.toString());
        assertTrue(paths.contains(List.of("list", "faults")), paths.toString());
        for (List<String> path : paths) {
            List<String> args = new ArrayList<>(path);
            args.add("--help");
            Cli.Ran r = ck(args.toArray(String[]::new));
            String name = "ck " + String.join(" ", path);
            assertEquals(0, r.status(), name);
            assertTrue(r.out().startsWith("Usage: " + name), r.out());
            assertTrue(r.out().contains("-h, --help"), name + " lists its options:\n" + r.out());
            assertExitCodes(r.out(), name);
        }
    }

    @Test
    void runHelpNamesEveryOption() {
        Cli.Ran r = ck("run", "--help");
        for (String option :
                List.of(
                        "--adapter",
                        "--sut",
                        "--fault",
                        "--tags",
                        "--shard",
                        "--expectations",
                        "--profile",
                        "--report-dir",
                        "--features",
                        "--timeout-ms",
                        "--no-allure",
                        "--quiet")) {
            assertTrue(r.out().contains(option), option + " in " + r.out());
        }
    }

    @Test
    void fuzzHelpShowsItsOptions() {
        Cli.Ran r = ck("fuzz", "--help");
        for (String option :
                List.of(
                        "--adapter",
                        "--sut",
                        "--fault",
                        "--timeout-ms",
                        "--shard",
                        "--seeds",
                        "--report-dir",
                        "--seconds",
                        "--tries",
                        "--seed",
                        "--case",
                        "--max-failures",
                        "--quiet")) {
            assertTrue(r.out().contains(option), option + " in " + r.out());
        }
    }

    @Test
    void fuzzHelpNamesOnlyOptionsAndCommandsThatExist() {
        CommandLine cl = Ck.commandLine();
        var fuzz = cl.getSubcommands().get("fuzz").getCommandSpec();
        String help = ck("fuzz", "--help").out();
        Matcher options = Pattern.compile("(?<![\\w-])--[a-z][a-z-]*").matcher(help);
        int seen = 0;
        while (options.find()) {
            seen++;
            var option = fuzz.findOption(options.group());
            assertTrue(
                    option != null && !option.hidden(),
                    options.group() + " is not an option of ck fuzz:\n" + help);
        }
        assertTrue(seen > 10, help);
        Matcher commands = Pattern.compile("\\bck ([a-z-]+)(?: ([a-z-]+))?").matcher(help);
        while (commands.find()) {
            CommandLine sub = cl.getSubcommands().get(commands.group(1));
            assertTrue(sub != null, "ck " + commands.group(1) + " is not a command:\n" + help);
            if (!sub.getSubcommands().isEmpty()) {
                assertTrue(
                        sub.getSubcommands().containsKey(commands.group(2)),
                        commands.group() + " is not a command:\n" + help);
            }
        }
    }

    @Test
    void anUnknownOptionIsAUsageErrorThatListsTheOptions() {
        Cli.Ran r = ck("run", "--frobnicate");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("Unknown option: '--frobnicate'"), r.err());
        assertTrue(
                r.err().contains("--adapter") && r.err().contains("--report-dir"),
                "the available options are listed:\n" + r.err());
    }

    @Test
    void anUnknownCommandIsAUsageErrorThatListsTheCommands() {
        Cli.Ran r = ck("rnu");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("Unmatched argument at index 0: 'rnu'"), r.err());
        assertTrue(r.err().contains("run"), r.err());
    }

    @Test
    void theVersionIsTheKitsVersion() {
        Cli.Ran r = ck("--version");
        assertEquals(0, r.status());
        assertTrue(r.out().startsWith("xmemck "), r.out());
    }

    /**
     * Odd values a script can produce: an empty folder name, a timeout that overflows. Each a usage
     * error, nothing run.
     */
    @Test
    void anEmptyReportFolderAndAnOverflowingTimeoutAreUsageErrors() {
        for (String command : List.of("run", "fuzz")) {
            List<String> base =
                    command.equals("run")
                            ? List.of("run", "--adapter", "reference", "--no-allure")
                            : List.of("fuzz", "--adapter", "reference", "--tries", "1");
            List<String> empty = new ArrayList<>(base);
            empty.addAll(List.of("--report-dir", ""));
            Cli.Ran r = ck(empty.toArray(String[]::new));
            assertEquals(Ck.USAGE, r.status(), command + ": " + r.all());
            assertTrue(
                    r.err().contains("--report-dir") && r.err().contains("empty folder name"),
                    command + ": " + r.err());

            List<String> huge = new ArrayList<>(base);
            huge.addAll(
                    List.of(
                            "--report-dir",
                            "target/odd-args",
                            "--timeout-ms",
                            "9223372036854775807"));
            Cli.Ran t = ck(huge.toArray(String[]::new));
            assertEquals(Ck.USAGE, t.status(), command + ": " + t.all());
            assertTrue(
                    t.err().contains("--timeout-ms must be from 1 to 86400000"),
                    command + ": " + t.err());
        }
    }
}
