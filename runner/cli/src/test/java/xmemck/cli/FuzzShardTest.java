package xmemck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static xmemck.cli.Cli.ck;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzing in shards, as a CI matrix would: {@code ck fuzz --seeds 1..4 --shard K/2} for K = 1, 2
 * together fuzz exactly the seeds of one unsharded {@code ck fuzz --seeds 1..4}, each seed with the
 * same outcome: the same seed-S/fuzz/summary.json (cases run, case endings, clauses reached, and
 * each failure with its signature, clause, case and shrunk size; times and rates aside) and the
 * same counterexamples in seed-S/regressions/, byte for byte. The C example runs with the seeded
 * fault {@value #FAULT}, so that there are failures to compare.
 */
class FuzzShardTest {

    static final String FAULT = "copyout_no_write_check";
    static final int SHARDS = 2;

    static Cli.Ran fuzz(Path reportDir, String... more) {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "fuzz",
                                "--adapter",
                                "process",
                                "--sut",
                                ShardMergeTest.cExample().toString(),
                                "--fault",
                                FAULT,
                                "--seeds",
                                "1..4",
                                "--tries",
                                "200",
                                "--report-dir",
                                reportDir.toString(),
                                "--quiet"));
        args.addAll(List.of(more));
        return ck(args.toArray(String[]::new));
    }

    @Test
    void shardsFuzzExactlyTheSeedsOfTheWholeRangeWithTheSameOutcomes(@TempDir Path dir)
            throws IOException {
        Path whole = dir.resolve("whole");
        Cli.Ran all = fuzz(whole);
        assertEquals(Ck.FAILED, all.status(), "the seeded fault is found:\n" + all.all());
        Map<Long, Path> wholeSeeds = seedFolders(whole);
        assertEquals(
                Set.of(1L, 2L, 3L, 4L),
                wholeSeeds.keySet(),
                "the unsharded run: a folder per seed");

        Map<Long, Path> shardSeeds = new TreeMap<>();
        int worst = Ck.OK;
        for (int k = 1; k <= SHARDS; k++) {
            Path shard = dir.resolve("fuzz-process-" + k); // one artifact per matrix job
            Cli.Ran r = fuzz(shard, "--shard", k + "/" + SHARDS);
            assertTrue(
                    r.status() == Ck.OK || r.status() == Ck.FAILED, "shard " + k + ":\n" + r.all());
            worst = Math.max(worst, r.status());
            Map<Long, Path> mine = seedFolders(shard);
            assertEquals(
                    k == 1 ? Set.of(1L, 3L) : Set.of(2L, 4L),
                    mine.keySet(),
                    "shard "
                            + k
                            + "/"
                            + SHARDS
                            + " takes the seeds at positions "
                            + k
                            + ", "
                            + (k + SHARDS)
                            + " of the list");
            for (Long s : mine.keySet())
                assertEquals(null, shardSeeds.put(s, mine.get(s)), "seed " + s + " in two shards");
        }
        assertEquals(
                wholeSeeds.keySet(),
                shardSeeds.keySet(),
                "the shards together fuzz exactly the seeds of the whole range");
        assertEquals(all.status(), worst, "the worst shard's exit status is the unsharded run's");

        int failures = 0;
        for (long s : wholeSeeds.keySet()) {
            Map<String, Object> a =
                    ShardMergeTest.untimed(
                            RunTest.json(wholeSeeds.get(s).resolve("fuzz/summary.json")));
            Map<String, Object> b =
                    ShardMergeTest.untimed(
                            RunTest.json(shardSeeds.get(s).resolve("fuzz/summary.json")));
            List<Object> failuresA = untimed(a.remove("failures")),
                    failuresB = untimed(b.remove("failures"));
            assertEquals(
                    failuresA,
                    failuresB,
                    "seed "
                            + s
                            + ": the failures, their signatures, cases and shrunk counterexamples");
            assertEquals(a, b, "seed " + s + ": cases run, case endings, clauses reached");
            assertEquals(a.get("cases"), b.get("cases"), "seed " + s + ": cases run");
            assertEquals(
                    files(wholeSeeds.get(s).resolve("regressions")),
                    files(shardSeeds.get(s).resolve("regressions")),
                    "seed " + s + ": the counterexamples written");
            failures += failuresA.size();
        }
        assertTrue(failures > 0, "the fault gives failures to compare");
    }

    /**
     * The seed-S folders under a report folder, each with its summary; no summary anywhere else.
     */
    static Map<Long, Path> seedFolders(Path reportDir) throws IOException {
        Map<Long, Path> out = new TreeMap<>();
        List<Path> summaries;
        try (Stream<Path> walk = Files.walk(reportDir)) {
            summaries =
                    walk.filter(p -> p.getFileName().toString().equals("summary.json"))
                            .sorted()
                            .toList();
        }
        for (Path summary : summaries) {
            Path seedDir = summary.getParent().getParent();
            String name = seedDir.getFileName().toString();
            assertTrue(
                    summary.getParent().getFileName().toString().equals("fuzz")
                            && seedDir.getParent().equals(reportDir)
                            && name.startsWith("seed-"),
                    "a summary outside REPORT-DIR/seed-S/fuzz/: " + reportDir.relativize(summary));
            out.put(Long.parseLong(name.substring("seed-".length())), seedDir);
        }
        return out;
    }

    /** Each failure of a summary without its times. */
    @SuppressWarnings("unchecked")
    static List<Object> untimed(Object failures) {
        List<Object> out = new ArrayList<>();
        for (Object f : (List<?>) failures)
            out.add(ShardMergeTest.untimed((Map<String, Object>) f));
        return out;
    }

    /** The files of a folder (name to content), none when it does not exist. */
    static Map<String, String> files(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        if (!Files.isDirectory(dir)) return out;
        try (Stream<Path> list = Files.list(dir)) {
            for (Path p : list.toList()) out.put(p.getFileName().toString(), Files.readString(p));
        }
        return out;
    }
}
