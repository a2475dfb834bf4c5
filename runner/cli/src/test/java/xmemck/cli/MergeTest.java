package xmemck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static xmemck.cli.Cli.ck;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xmemck.features.Shard;

/**
 * Shards of one run merged into one report, with the expectations decided over all of them. Of 5
 * shards, the test features put the 1-byte copy in shard 4, the 4096-byte copy (which
 * test-short-copy fails) in shard 5 and the read-only copy in shard 2; shards 1 and 3 are empty.
 */
class MergeTest {

    static final int N = 5;

    @Test
    void theTestFeaturesFallIntoTheShardsThisTestAssumes() {
        assertEquals(4, Shard.of(Cli.ONE_BYTE, N));
        assertEquals(5, Shard.of(Cli.PAGE, N));
        assertEquals(2, Shard.of(Cli.READ_ONLY, N));
    }

    static List<String> runShards(Path dir, Path expectations) throws IOException {
        List<String> reports = new ArrayList<>();
        for (int i : new int[] {2, 4, 5}) {
            Path shard = Files.createDirectories(dir.resolve("shard-" + i));
            Cli.Ran r =
                    RunTest.run(
                            RunTest.JAN_2027,
                            shard,
                            "test-short-copy",
                            "--shard",
                            i + "/" + N,
                            "--expectations",
                            expectations.toString());
            if (i == 4) {
                assertTrue(
                        r.out()
                                .contains(
                                        ":1: clause copyout.succ passed in this shard but has scenarios in other shards"),
                        r.out());
            }
            assertEquals(0, r.status(), "shard " + i + ":\n" + r.all());
            reports.add(shard.resolve("reports").toString());
        }
        return reports;
    }

    @Test
    void shardsBecomeOneRunAndTheExpectationsAreDecidedOverAllOfThem(@TempDir Path dir)
            throws IOException {
        Path exp =
                Files.writeString(
                        dir.resolve("short.expectations"),
                        "clause copyout.succ 2027-03-31 short copies\n");
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "report",
                                "--merge-into",
                                dir.resolve("merged").toString(),
                                "--expectations",
                                exp.toString()));
        args.addAll(runShards(dir, exp));
        Cli.Ran r = ck(RunTest.JAN_2027, args.toArray(String[]::new));
        assertEquals(0, r.status(), r.all());
        assertTrue(
                r.out()
                        .contains(
                                "test-short-copy: 3 runs merged, 3 scenarios, 1 expected failure(s), 0 unexpected FAIL or ERROR: passed"),
                r.out());
        Path merged = dir.resolve("merged");
        assertTrue(
                Files.readString(merged.resolve("test-short-copy/index.html"))
                        .contains("FAIL (expected)"));
        assertEquals(
                3,
                ((List<?>)
                                RunTest.json(merged.resolve("test-short-copy/results.json"))
                                        .get("scenarios"))
                        .size());
        assertTrue(
                Files.readString(merged.resolve("index.html"))
                        .contains("Every run passed (1 run)."));
    }

    @Test
    void anEntryThatNoLongerFailsInAnyShardFailsTheMerge(@TempDir Path dir) throws IOException {
        Path exp =
                Files.writeString(
                        dir.resolve("short.expectations"),
                        "clause copyout.succ 2027-03-31 short copies\n");
        List<String> reports = runShards(dir, exp);
        // Now the 4096-byte copy is no longer run (say the implementation was fixed and its shard
        // dropped): merge shards 2 and 4 only.
        Cli.Ran r =
                ck(
                        RunTest.JAN_2027,
                        "report",
                        "--merge-into",
                        dir.resolve("merged").toString(),
                        "--expectations",
                        exp.toString(),
                        reports.get(0),
                        reports.get(1));
        assertEquals(1, r.status(), r.all());
        assertTrue(
                r.err()
                        .contains(
                                exp
                                        + ":1: unexpected pass: clause copyout.succ is listed as failing (short copies), but its scenario passed ("
                                        + Cli.ONE_BYTE
                                        + ")"),
                r.err());
    }

    @Test
    void twoRunsOfTheSameScenariosAreNotShardsAndAreRefused(@TempDir Path dir) throws IOException {
        assertEquals(
                0,
                RunTest.run(
                                RunTest.JAN_2027,
                                Files.createDirectories(dir.resolve("a")),
                                "reference")
                        .status());
        assertEquals(
                0,
                RunTest.run(
                                RunTest.JAN_2027,
                                Files.createDirectories(dir.resolve("b")),
                                "reference")
                        .status());
        Cli.Ran r =
                ck(
                        "report",
                        "--merge-into",
                        dir.resolve("m").toString(),
                        dir.resolve("a").toString(),
                        dir.resolve("b").toString());
        assertEquals(2, r.status());
        assertTrue(
                r.err().contains("merge the shards of one run, not two runs of the same adapter"),
                r.err());
        Cli.Ran misuse = ck("report", "--expectations", "x", dir.toString());
        assertEquals(2, misuse.status());
        assertTrue(misuse.err().contains("--expectations goes with --merge-into"), misuse.err());
    }
}
