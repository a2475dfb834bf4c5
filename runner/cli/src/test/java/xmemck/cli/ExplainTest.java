package xmemck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static xmemck.cli.Cli.ck;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ck explain: Gherkin or JSON in, the allowed outcomes and their clauses out; bad input named with
 * its place.
 */
class ExplainTest {

    static final String STEPS =
            """
            Given a user process p1
            And a kernel buffer k of 1 page
            And a user buffer u of 2 pages in process p1
            And page 1 of u is read-only
            When process p1 calls copyout(k+0, u+4090, 16)
            """;

    @Test
    void gherkinStepsWithoutAFeatureAreOneScenario(@TempDir Path dir) throws IOException {
        Path f = Files.writeString(dir.resolve("q.feature"), STEPS);
        Cli.Ran r = ck("explain", f.toString());
        assertEquals(0, r.status(), r.all());
        for (String part :
                new String[] {
                    "5. call: copyout(k+0, u+4090, 16) from process p1",
                    "returns -1 (failure)",
                    "each byte of [4090, 4096) (what the copy could store)",
                    "decided by: copyout.fail.paging-fault",
                    "copyout.failure-effect"
                }) {
            assertTrue(r.out().contains(part), part + " in\n" + r.out());
        }
    }

    @Test
    void aFeatureFileIsExplainedScenarioByScenarioWithTheKitsOwnRemarks(@TempDir Path dir)
            throws IOException {
        Path f =
                Files.writeString(
                        dir.resolve("q.feature"),
                        """
                Feature: questions

                  Scenario: at interrupt level
                    Given a user process p1
                    And a kernel buffer k of 1 page
                    And a user buffer u of 1 page in process p1
                    When an interrupt handler calls copyout(k+0, u+0, 8)

                  Scenario: a wrong claim
                    Given a user process p1
                    And a kernel buffer k of 1 page
                    And a user buffer u of 1 page in process p1
                    When process p1 calls copyout(k+0, u+0, 8)
                    Then copyout returns -1
                """);
        Cli.Ran r = ck("explain", f.toString());
        assertEquals(0, r.status(), r.all());
        assertTrue(r.out().contains(f + ":3 (at interrupt level): 4 operations"), r.out());
        assertTrue(r.out().contains("OUTSIDE THE CONTRACT (copyout.ctx.user-only)"), r.out());
        assertTrue(r.out().contains(f + ":9 (a wrong claim)"), r.out());
        assertTrue(
                r.out().contains("the feature and the oracle disagree about copyout(k+0, u+0, 8)"),
                "the claim is checked:\n" + r.out());
    }

    @Test
    void jsonOperationsAreExplainedToo(@TempDir Path dir) throws IOException {
        Path f =
                Files.writeString(
                        dir.resolve("ops.json"),
                        """
                {"ops": [
                  {"op": "create_process", "name": "p1"},
                  {"op": "map_region", "name": "k", "space": "kernel", "pages": 1, "prot": "READ_WRITE", "seed": 1},
                  {"op": "map_region", "name": "u", "space": "p1", "pages": 1, "prot": "READ_WRITE", "seed": 2},
                  {"op": "xmattach", "context": {"kind": "process", "process": "p1"}, "addr": {"object": "u", "offset": 0},
                   "count": 4096, "dp": "dp", "segflag": 0},
                  {"op": "xmemout", "context": {"kind": "process", "process": "p1"}, "kaddr": {"object": "k", "offset": 0},
                   "uaddr": {"object": "u", "offset": 0}, "count": 0, "dp": "dp"}
                ]}
                """);
        Cli.Ran r = ck("explain", f.toString());
        assertEquals(0, r.status(), r.all());
        assertTrue(r.out().contains("5. call: xmemout(k+0, u+0, 0, dp) from process p1"), r.out());
        assertTrue(
                r.out().contains("returns 0 (XMEM_SUCC)")
                        && r.out().contains("returns -1 (XMEM_FAIL)"),
                "count 0: either\n" + r.out());
        assertTrue(r.out().contains("xmemout.count.nonpositive"), r.out());
    }

    @Test
    void badInputIsNamedWithItsPlace(@TempDir Path dir) throws IOException {
        Path steps =
                Files.writeString(
                        dir.resolve("q.feature"),
                        "Given a user process p1\nWhen process p1 dances\n");
        Cli.Ran unknown = ck("explain", steps.toString());
        assertEquals(2, unknown.status());
        assertTrue(
                unknown.err()
                        .contains(steps + ":2: no step definition matches \"process p1 dances\""),
                unknown.err());

        Path json =
                Files.writeString(
                        dir.resolve("ops.json"),
                        "[{\"op\": \"create_process\", \"name\": \"p1\"}, {\"op\": \"teleport\"}]");
        Cli.Ran badOp = ck("explain", json.toString());
        assertEquals(2, badOp.status());
        assertTrue(
                badOp.err().contains(json + ": ")
                        && badOp.err().contains("$[1]")
                        && badOp.err().contains("unknown op \"teleport\""),
                badOp.err());

        Path illFormed =
                Files.writeString(
                        dir.resolve("ill.json"),
                        """
                [{"op": "copyout", "context": {"kind": "process", "process": "p1"}, "driverbuf": {"object": "k", "offset": 0},
                  "userbuf": {"object": "u", "offset": 0}, "cn": 8}]
                """);
        Cli.Ran ill = ck("explain", illFormed.toString());
        assertEquals(2, ill.status());
        assertTrue(
                ill.out().contains("1. ill-formed, so nothing more can be explained"), ill.out());

        Cli.Ran missing = ck("explain", dir.resolve("none.feature").toString());
        assertEquals(2, missing.status());
        assertTrue(
                missing.err().contains("cannot read " + dir.resolve("none.feature")),
                missing.err());
    }
}
