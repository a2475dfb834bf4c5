package xmemck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static xmemck.cli.Cli.ck;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The command line as a whole: usage, help with examples on every command, unknown commands and options. */
class CkTest {

    static final List<String> COMMANDS = List.of("run", "list", "explain", "fuzz", "report", "verify-bundle");

    @Test
    void withoutArgumentsItPrintsUsageNamingEveryCommandAndTheExitStatuses() {
        Cli.Ran r = ck();
        assertEquals(0, r.status());
        for (String c : COMMANDS) assertTrue(r.out().contains("\n  " + c + " "), c + " in\n" + r.out());
        assertTrue(r.out().contains("Exit status: 0 nothing failed"), r.out());
    }

    @Test
    void everyCommandHasHelpWithExamples() {
        for (String c : COMMANDS) {
            Cli.Ran r = ck(c, "--help");
            assertEquals(0, r.status(), c);
            assertTrue(r.out().startsWith("Usage: ck " + c), r.out());
            assertTrue(r.out().contains("Examples:") || r.out().contains("Example:"), c + " has no examples:\n" + r.out());
        }
        for (String c : List.of("adapters", "clauses", "faults")) {
            Cli.Ran r = ck("list", c, "--help");
            assertTrue(r.out().startsWith("Usage: ck list " + c) && r.out().contains("Example"), r.out());
        }
    }

    @Test
    void runHelpNamesEveryOption() {
        Cli.Ran r = ck("run", "--help");
        for (String option : List.of("--adapter", "--sut", "--fault", "--tags", "--shard", "--expectations", "--profile", "--report-dir",
                "--features", "--timeout-ms", "--no-allure", "--quiet")) {
            assertTrue(r.out().contains(option), option + " in " + r.out());
        }
    }

    @Test
    void fuzzHelpShowsTheFuzzersOwnOptionsToo() {
        Cli.Ran r = ck("fuzz", "--help");
        for (String option : List.of("--shard", "--seeds", "--report-dir", "--seconds", "--tries", "--seed", "--case")) {
            assertTrue(r.out().contains(option), option + " in " + r.out());
        }
    }

    @Test
    void anUnknownOptionIsAUsageErrorThatListsTheOptions() {
        Cli.Ran r = ck("run", "--frobnicate");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("Unknown option: '--frobnicate'"), r.err());
        assertTrue(r.err().contains("--adapter") && r.err().contains("--report-dir"), "the available options are listed:\n" + r.err());
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
}
