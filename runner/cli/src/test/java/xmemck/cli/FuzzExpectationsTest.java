package xmemck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static xmemck.cli.Cli.ck;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import xmemck.fuzz.FuzzRun;

/**
 * ck fuzz --expectations: the clause entries in force are the fuzzer's known clauses (a FAIL on one
 * of them is counted, not a failure); scenario and expired entries do not apply and the notes say
 * so; a bad file is a usage error with its file and line; the linux adapter gets the kit's own file
 * by default, as in ck run.
 */
class FuzzExpectationsTest {
    static final Clock JAN_2027 =
            Clock.fixed(Instant.parse("2027-01-10T12:00:00Z"), ZoneOffset.UTC);
    static final JsonMapper JSON = new JsonMapper();

    @TempDir Path dir;

    FuzzCommand.Plan plan(String... args) {
        CommandLine cl = Ck.commandLine();
        List<String> all =
                new ArrayList<>(List.of("fuzz", "--report-dir", dir.resolve("r").toString()));
        all.addAll(List.of(args));
        cl.parseArgs(all.toArray(String[]::new));
        FuzzCommand fuzz = (FuzzCommand) cl.getSubcommands().get("fuzz").getCommand();
        fuzz.clock = JAN_2027;
        return fuzz.plan();
    }

    Path file(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void theClauseEntriesInForceAreTheKnownClausesAndTheNotesSayWhatDoesNotApply()
            throws Exception {
        Path exp =
                file(
                        "acme.expectations",
                        """
                # acme
                clause    copyout.fail.adi                     2027-03-31  no ADI checks before firmware 4.2
                clause    xmattach.fail.count                  2026-12-31  fixed in 2.1 (expired)
                scenario  features/xmemout/counts.feature:60   2027-03-31  count 0 into a deleted segment
                clause    vm_mvc.protzero                      2027-01-10  last day in force
                """);
        FuzzCommand.Plan p =
                plan("--adapter", "reference", "--expectations", exp.toString(), "--seeds", "1..2");
        for (FuzzRun.Options o : p.runs())
            assertEquals(
                    Set.of("copyout.fail.adi", "vm_mvc.protzero"),
                    o.knownClauses(),
                    "every seed's run");
        String notes = String.join("\n", p.notes());
        assertTrue(
                notes.contains(
                        exp
                                + ":3: the entry for clause xmattach.fail.count expired on 2026-12-31, so it does not apply"),
                notes);
        assertTrue(
                notes.contains(
                        "1 scenario entry of " + exp + " (" + exp + ":4) do not apply to fuzzing"),
                notes);
        assertTrue(
                notes.contains(
                        "copyout.fail.adi or vm_mvc.protzero is counted and reported, not a failure"),
                notes);

        FuzzCommand.Plan none = plan("--adapter", "reference");
        assertEquals(Set.of(), none.runs().getFirst().knownClauses(), "no file, no known clauses");
        assertEquals(List.of(), none.notes());
    }

    @Test
    void aBadExpectationsFileIsAUsageErrorNamingItsFileAndLine() throws Exception {
        record Bad(String text, int line, String said) {}
        int n = 0;
        for (Bad bad :
                List.of(
                        new Bad(
                                "# ok\n\nclause nosuch.clause 2027-01-01 why\n",
                                3,
                                "unknown clause id"),
                        new Bad("clause copyout.fail.adi 2027-01-01\n", 1, "expected four fields"),
                        new Bad("clause copyout.fail.adi 2027-02-30 why\n", 1, "not a date"),
                        new Bad(
                                "clause copyout.fail.adi 2027-01-01 why\nclause copyout.fail.adi 2027-01-01 again\n",
                                2,
                                "already listed"),
                        new Bad("scenario copyout 2027-01-01 why\n", 1, "feature file and line"))) {
            Path f = file("bad-" + ++n + ".expectations", bad.text());
            Cli.Ran r =
                    ck(
                            "fuzz",
                            "--adapter",
                            "reference",
                            "--tries",
                            "1",
                            "--expectations",
                            f.toString(),
                            "--report-dir",
                            dir.resolve("r").toString());
            assertEquals(Ck.USAGE, r.status(), bad + ": " + r.all());
            assertTrue(
                    r.err().contains(f + ":" + bad.line() + ": ") && r.err().contains(bad.said()),
                    bad + ": " + r.err());
            assertFalse(Files.exists(dir.resolve("r/fuzz/summary.json")), "nothing fuzzed");
        }
        Cli.Ran missing =
                ck(
                        "fuzz",
                        "--adapter",
                        "reference",
                        "--tries",
                        "1",
                        "--expectations",
                        dir.resolve("nope").toString(),
                        "--report-dir",
                        dir.resolve("r").toString());
        assertEquals(Ck.USAGE, missing.status(), missing.all());
        assertTrue(
                missing.err().contains(dir.resolve("nope") + ": cannot read the expectations file"),
                missing.err());
    }

    @Test
    void theLinuxAdapterGetsTheKitsOwnFileUnlessAnotherIsGiven() throws Exception {
        Path kit =
                Path.of(System.getProperty("xmemck.features", "../../features"))
                        .toAbsolutePath()
                        .normalize()
                        .getParent();
        String old = System.getProperty("xmemck.root");
        try {
            System.setProperty("xmemck.root", kit.toString());
            FuzzCommand.Plan linux = plan("--adapter", "linux", "--seed", "1");
            assertEquals(
                    Set.of("xmemout.fail.segment-deleted"),
                    linux.runs().getFirst().knownClauses(),
                    "the kit's known finding on Linux is listed by its clause, so that fuzzing honours it");
            assertTrue(
                    linux.notes()
                            .getFirst()
                            .contains(
                                    "the kit's known findings on this system apply ("
                                            + RunPlan.BUILT_IN_EXPECTATIONS.get("linux")
                                            + ")"),
                    linux.notes().toString());
            assertTrue(
                    String.join("\n", linux.notes())
                            .lines()
                            .noneMatch(l -> l.contains(kit.toString())),
                    "no machine path: " + linux.notes());

            Path mine = file("mine.expectations", "clause copyout.fail.adi 2027-03-31 ours\n");
            assertEquals(
                    Set.of("copyout.fail.adi"),
                    plan("--adapter", "linux", "--expectations", mine.toString())
                            .runs()
                            .getFirst()
                            .knownClauses(),
                    "--expectations replaces the kit's file");
            assertEquals(
                    Set.of(),
                    plan("--adapter", "reference").runs().getFirst().knownClauses(),
                    "the reference has no file of its own");

            System.setProperty("xmemck.root", dir.toString());
            assertEquals(
                    Set.of(),
                    plan("--adapter", "linux").runs().getFirst().knownClauses(),
                    "no file in this kit: nothing known");
        } finally {
            if (old == null) System.clearProperty("xmemck.root");
            else System.setProperty("xmemck.root", old);
        }
    }

    @Test
    void aListedFindingIsCountedAndTheRunPassesWhileAnUnlistedOneFailsIt() throws Exception {
        Path first = dir.resolve("first");
        Cli.Ran found =
                ck(
                        "fuzz",
                        "--adapter",
                        "test-short-copy",
                        "--tries",
                        "400",
                        "--seed",
                        "3",
                        "--quiet",
                        "--report-dir",
                        first.toString());
        assertEquals(Ck.FAILED, found.status(), found.all());
        Set<String> clauses = new TreeSet<>();
        JSON.readTree(Files.readString(first.resolve("fuzz/summary.json")))
                .get("failures")
                .forEach(f -> clauses.add(f.get("clause").stringValue()));
        assertFalse(clauses.isEmpty());

        StringBuilder text = new StringBuilder();
        for (String c : clauses)
            text.append("clause ").append(c).append(" 2099-12-31 copies one byte too few\n");
        Path exp = file("short.expectations", text.toString());
        Path second = dir.resolve("second");
        Cli.Ran known =
                ck(
                        "fuzz",
                        "--adapter",
                        "test-short-copy",
                        "--tries",
                        "400",
                        "--seed",
                        "3",
                        "--quiet",
                        "--expectations",
                        exp.toString(),
                        "--report-dir",
                        second.toString());
        assertEquals(Ck.OK, known.status(), known.all());
        JsonNode summary = JSON.readTree(Files.readString(second.resolve("fuzz/summary.json")));
        assertTrue(summary.get("passed").booleanValue());
        assertEquals(400, summary.get("cases").longValue(), "the search went on to its end");
        Set<String> counted = new TreeSet<>();
        summary.get("knownFindings")
                .forEach(
                        k -> {
                            counted.add(k.get("clause").stringValue());
                            assertTrue(k.get("count").longValue() >= 1, k.toString());
                        });
        assertTrue(clauses.containsAll(counted) && !counted.isEmpty(), counted + " of " + clauses);
        assertTrue(
                known.err()
                        .contains(
                                "known findings ("
                                        + exp
                                        + "): a FAIL whose first broken clause is "),
                known.err());

        if (clauses.size() > 1) {
            Path one =
                    file(
                            "one.expectations",
                            "clause "
                                    + clauses.iterator().next()
                                    + " 2099-12-31 only one of them\n");
            Cli.Ran partly =
                    ck(
                            "fuzz",
                            "--adapter",
                            "test-short-copy",
                            "--tries",
                            "400",
                            "--seed",
                            "3",
                            "--quiet",
                            "--expectations",
                            one.toString(),
                            "--report-dir",
                            dir.resolve("third").toString());
            assertEquals(
                    Ck.FAILED,
                    partly.status(),
                    "the clauses not listed still fail the run: " + partly.all());
        }
    }
}
