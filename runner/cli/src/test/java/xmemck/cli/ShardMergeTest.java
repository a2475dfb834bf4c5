package xmemck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static xmemck.cli.Cli.ck;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample CI workflow's path (docs/github-actions/xmemck.yml), run here in one JVM: the feature
 * suite split into {@value #N} shards ({@code ck run --shard K/N}) for the reference adapter and
 * for the C example through the process adapter, each shard's bundle checked ({@code ck
 * verify-bundle}), the shards laid out as the workflow downloads its artifacts and merged as its
 * {@code report} job does ({@code ck report --merge-into}, the implementation's runs with its
 * expectations file, the others without), compared with one unsharded run of each adapter: the same
 * exit status, the same verdict (and expected-failure note) for every scenario, the same totals,
 * the same clause verdicts, the same implementation-defined answers and the same expectation
 * problems.
 *
 * <p>To keep it quick it runs a tag-selected part of the features that has every kind of outcome:
 * the C example runs with the seeded fault {@value #FAULT}, so the xmemout authority scenarios FAIL
 * (covered by a clause entry of the expectations file: expected failures), and the file also lists
 * {@code xmdetach.fail.invalid}, whose scenarios pass (an unexpected pass that only the whole run,
 * or the merge, can decide); vm_mvc and copyout scenarios that break a caller obligation are
 * OUTSIDE-CONTRACT.
 */
class ShardMergeTest {

    static final int N = 3;
    static final String FAULT = "xmemout_no_authority_check";
    static final String TAGS =
            "@clause:xmemout.fail.authority or @clause:xmemout.fail.descriptor or @clause:xmattach.fail.count"
                    + " or @clause:xmdetach.fail.invalid or @clause:vm_mvc.m2-pinned or @clause:copyout.fail.adi or @clause:copyout.caller.driverbuf";
    static final String EXPECTATIONS =
            """
            # the C example with the seeded fault %s
            clause  xmemout.fail.authority  2027-03-31  the seeded fault skips the authority check
            clause  xmdetach.fail.invalid   2027-03-31  listed although it passes: an unexpected pass over the whole run
            clause  inv.failure-effect      2027-03-31  where a move also meets a hole, the fault stores what it could not have stored
            """
                    .formatted(FAULT);
    static final Clock TODAY = RunTest.JAN_2027;

    /**
     * The repository's features folder (the build passes it to the tests) and the C example next to
     * it.
     */
    static Path features() {
        return Path.of(System.getProperty("xmemck.features", "../../features"))
                .toAbsolutePath()
                .normalize();
    }

    static Path cExample() {
        Path c = features().getParent().resolve(KitPaths.C_EXAMPLE);
        assertTrue(
                Files.isExecutable(c),
                "the C example is not built (" + c + "): " + KitPaths.BUILD_C_EXAMPLE);
        return c;
    }

    /**
     * ck run of one adapter on the selected features, as the workflow's suite job runs it; {@code
     * more} adds --shard.
     */
    static Cli.Ran run(String adapter, Path reportDir, Path expectations, String... more) {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "run",
                                "--adapter",
                                adapter,
                                "--features",
                                features().toString(),
                                "--tags",
                                TAGS,
                                "--report-dir",
                                reportDir.toString(),
                                "--no-allure",
                                "--quiet"));
        if (adapter.equals("process"))
            args.addAll(List.of("--sut", cExample().toString(), "--fault", FAULT));
        if (expectations != null) args.addAll(List.of("--expectations", expectations.toString()));
        args.addAll(List.of(more));
        return ck(TODAY, args.toArray(String[]::new));
    }

    @Test
    void shardsMergedAsTheWorkflowDoesGiveWhatOneUnshardedRunGives(@TempDir Path dir)
            throws IOException {
        Path exp = Files.writeString(dir.resolve("acme.expectations"), EXPECTATIONS);

        // The suite job: adapters x shards, each into its own report folder, its bundle checked.
        Map<String, Integer> shardScenarios = new TreeMap<>();
        for (String adapter : List.of("reference", "process")) {
            Path group =
                    dir.resolve(
                            adapter.equals("process")
                                    ? "impl"
                                    : "others"); // where the merge step moves them
            for (int k = 1; k <= N; k++) {
                Path reports = group.resolve("reports-" + adapter + "-" + k);
                Cli.Ran r =
                        run(
                                adapter,
                                reports,
                                adapter.equals("process") ? exp : null,
                                "--shard",
                                k + "/" + N);
                assertTrue(
                        r.status() == Ck.OK || r.status() == Ck.FAILED,
                        adapter + " shard " + k + ":\n" + r.all());
                Path bundle = reports.resolve(adapter).resolve("bundle.json");
                Cli.Ran check =
                        adapter.equals("process")
                                ? ck(
                                        "verify-bundle",
                                        bundle.toString(),
                                        "--expectations",
                                        exp.toString())
                                : ck("verify-bundle", bundle.toString());
                assertEquals(
                        Ck.OK,
                        check.status(),
                        adapter + " shard " + k + " bundle:\n" + check.all());
                shardScenarios.merge(
                        adapter,
                        ((List<?>)
                                        RunTest.json(
                                                        reports.resolve(adapter)
                                                                .resolve("results.json"))
                                                .get("scenarios"))
                                .size(),
                        Integer::sum);
            }
        }

        // The report job: the implementation's shards with its expectations, the others without.
        Cli.Ran impl =
                ck(
                        TODAY,
                        "report",
                        "--merge-into",
                        dir.resolve("merged").toString(),
                        "--expectations",
                        exp.toString(),
                        dir.resolve("impl").toString());
        Cli.Ran others =
                ck(
                        TODAY,
                        "report",
                        "--merge-into",
                        dir.resolve("merged-others").toString(),
                        dir.resolve("others").toString());
        assertTrue(impl.out().contains("process: " + N + " runs merged"), impl.all());
        assertTrue(others.out().contains("reference: " + N + " runs merged"), others.all());

        // One unsharded run of each adapter.
        Cli.Ran wholeProcess = run("process", dir.resolve("whole"), exp);
        Cli.Ran wholeReference = run("reference", dir.resolve("whole"), null);

        assertEquals(Ck.OK, wholeReference.status(), wholeReference.all());
        assertEquals(
                wholeReference.status(),
                others.status(),
                "reference: merged vs unsharded exit status\n" + others.all());
        assertEquals(
                Ck.FAILED,
                wholeProcess.status(),
                "the unexpected pass fails the whole run\n" + wholeProcess.all());
        assertEquals(
                wholeProcess.status(),
                impl.status(),
                "process: merged vs unsharded exit status\n" + impl.all());
        String unexpectedPass = exp + ":3: unexpected pass: clause xmdetach.fail.invalid";
        assertTrue(wholeProcess.err().contains(unexpectedPass), wholeProcess.err());
        assertTrue(
                impl.err().contains(unexpectedPass),
                "the merge decides the entry over all the shards:\n" + impl.err());

        sameRun(
                dir.resolve("whole/reference"),
                dir.resolve("merged-others/reference"),
                shardScenarios.get("reference"));
        sameRun(
                dir.resolve("whole/process"),
                dir.resolve("merged/process"),
                shardScenarios.get("process"));

        Map<String, Object> process = RunTest.json(dir.resolve("whole/process/summary.json"));
        Map<?, ?> totals = (Map<?, ?>) process.get("totals");
        assertTrue(
                (Long) totals.get("FAIL") > 0
                        && (Long) totals.get("PASS") > 0
                        && (Long) totals.get("OUTSIDE_CONTRACT") > 0,
                "the selection has every kind of verdict, so that the comparison means something: "
                        + totals);
        assertEquals(
                totals.get("FAIL"),
                process.get("expectedFailures"),
                "the fault's failures are the expected ones");
    }

    /**
     * The unsharded run's files and the merged run's agree on everything but times; the shards held
     * each scenario once.
     */
    static void sameRun(Path whole, Path merged, int scenariosInShards) throws IOException {
        Map<String, Map<String, Object>> a = scenarios(whole), b = scenarios(merged);
        assertEquals(
                a.size(),
                scenariosInShards,
                whole + ": the shards together ran as many scenarios as the whole run");
        assertEquals(a.keySet(), b.keySet(), merged + ": the same scenarios");
        for (String id : a.keySet()) {
            assertEquals(
                    a.get(id),
                    b.get(id),
                    merged
                            + ": scenario "
                            + id
                            + " (verdict, clauses, reason, expected failure note, ...)");
        }
        Map<String, Object> summaryA = untimed(RunTest.json(whole.resolve("summary.json")));
        Map<String, Object> summaryB = untimed(RunTest.json(merged.resolve("summary.json")));
        assertEquals(summaryA.get("totals"), summaryB.get("totals"), merged + ": totals");
        assertEquals(
                summaryA.get("clauses"), summaryB.get("clauses"), merged + ": clause verdicts");
        assertEquals(summaryA, summaryB, merged + ": summary.json");
        Map<String, Object> profileA = untimed(RunTest.json(whole.resolve("profile.json")));
        Map<String, Object> profileB = untimed(RunTest.json(merged.resolve("profile.json")));
        assertEquals(
                profileA, profileB, merged + ": profile.json (implementation-defined answers)");
        assertFalse(a.isEmpty(), whole + " ran no scenario");
    }

    /** results.json's scenarios by id, without the time each took. */
    static Map<String, Map<String, Object>> scenarios(Path run) throws IOException {
        Map<String, Map<String, Object>> out = new TreeMap<>();
        for (Object o : (List<?>) RunTest.json(run.resolve("results.json")).get("scenarios")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> s = new LinkedHashMap<>((Map<String, Object>) o);
            s.remove("seconds");
            assertEquals(
                    null,
                    out.put((String) s.get("id"), s),
                    run + ": scenario " + s.get("id") + " twice");
        }
        return out;
    }

    /**
     * A JSON object without its times and rates (startedAt, durationSeconds, ...PerSecond), which
     * no two runs share.
     */
    static Map<String, Object> untimed(Map<String, Object> json) {
        Map<String, Object> out = new LinkedHashMap<>(json);
        out.keySet()
                .removeIf(
                        k ->
                                k.equals("startedAt")
                                        || k.endsWith("Seconds")
                                        || k.endsWith("PerSecond"));
        return out;
    }
}
