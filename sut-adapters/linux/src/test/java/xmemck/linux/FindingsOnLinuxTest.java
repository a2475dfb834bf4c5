package xmemck.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static xmemck.linux.Scenarios.*;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import xmemck.harness.Session;
import xmemck.harness.Step;
import xmemck.ops.Call;
import xmemck.ops.Setup;
import xmemck.oracle.Verdict;
import xmemck.spi.Sut;
import xmemck.spi.SutOptions;

/**
 * What the kit finds on Linux beyond plain passes: each entry of the README's "Findings on Linux"
 * is reproduced here, so that the list stays true. When one of these tests fails, the kernel or the
 * oracle changed: update the README's list.
 */
class FindingsOnLinuxTest {
    static Sut sut;

    @BeforeAll
    static void open() throws Exception {
        sut = new LinuxProvider().open(SutOptions.none());
    }

    @AfterAll
    static void close() {
        sut.close();
    }

    /**
     * process_vm_writev returns 0 for an empty transfer before it looks at the target at all, so a
     * zero-byte xmemout into a deleted segment returns XMEM_SUCC. The kit holds that a deleted
     * segment is a cause about the argument, which holds whatever the count: XMEM_FAIL is required,
     * and the step FAILs. The adapter answers what the kernel did; it does not add a check of its
     * own.
     */
    @Test
    void aZeroByteXmemoutIntoADeletedSegmentSucceedsWhereTheKitRequiresXmemFail() {
        Session s =
                run(
                        sut,
                        List.of(
                                kernelRegion("k", 1, 11),
                                kernelRegion("u", 1, 22),
                                new Call.Xmattach(KPROC, at("u", 0), 1, "dp", Call.SYS_ADSPACE),
                                new Setup.DeleteSegment("u"),
                                new Call.Xmemout(KPROC, at("k", 0), at("u", 0), 0, "dp")));
        assertDeletedSegmentFinding(s);
    }

    /**
     * The same in a helper process: nothing is looked at, not even whether the pages are still
     * mapped.
     */
    @Test
    void alsoIntoAHelpersDeletedSegment() {
        Session s =
                run(
                        sut,
                        List.of(
                                process("p"),
                                kernelRegion("k", 1, 11),
                                userRegion("u", "p", 1, 22),
                                new Call.Xmattach(P, at("u", 0), 1, "dp", Call.USER_ADSPACE),
                                new Setup.DeleteSegment("u"),
                                new Call.Xmemout(KPROC, at("k", 0), at("u", 0), 0, "dp")));
        assertDeletedSegmentFinding(s);
    }

    private static void assertDeletedSegmentFinding(Session s) {
        assertEquals(
                Verdict.FAIL,
                s.verdict(),
                () -> "the finding no longer holds; update the README\n" + explain(s));
        Step call = lastCall(s);
        assertEquals(
                call, s.stopper().orElseThrow(), "the zero-byte xmemout is the step that fails");
        assertTrue(
                call.clauses().contains("xmemout.fail.segment-deleted"), call.clauses().toString());
        assertEquals(Call.XMEM_SUCC, returned(call));
        assertTrue(note(call).endsWith("= 0"), note(call));
    }
}
