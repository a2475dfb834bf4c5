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
import xmemck.oracle.Verdict;
import xmemck.ops.Call;
import xmemck.ops.Setup;
import xmemck.spi.Sut;
import xmemck.spi.SutOptions;

/**
 * Where Linux departs from the documented semantics as the oracle reads them: each finding listed in the
 * README under "Findings on Linux" is reproduced here, so that the list stays true. When one of these tests
 * fails, the kernel or the oracle changed: update the README's list.
 */
class FindingsOnLinuxTest {
    static Sut sut;

    @BeforeAll static void open() throws Exception { sut = new LinuxProvider().open(SutOptions.none()); }

    @AfterAll static void close() { sut.close(); }

    /**
     * process_vm_writev returns 0 for an empty transfer before it looks at the target at all, so a zero-byte
     * xmemout into a deleted segment succeeds; the oracle reads the AIX page as "XMEM_FAIL whenever the segment
     * containing the user buffer has been deleted", count or no count.
     */
    @Test void aZeroByteXmemoutIntoADeletedSegmentSucceeds() {
        Session s = run(sut, List.of(kernelRegion("k", 1, 11), kernelRegion("u", 1, 22),
                new Call.Xmattach(KPROC, at("u", 0), 1, "dp", Call.SYS_ADSPACE),
                new Setup.DeleteSegment("u"),
                new Call.Xmemout(KPROC, at("k", 0), at("u", 0), 0, "dp")));
        assertEquals(Verdict.FAIL, s.verdict(), () -> "the finding no longer reproduces; update the README\n" + explain(s));
        Step call = lastCall(s);
        assertTrue(call.clauses().contains("xmemout.fail.segment-deleted"), call.clauses().toString());
        assertEquals(Call.XMEM_SUCC, returned(call));
        assertTrue(note(call).endsWith("= 0"), note(call));
    }

    /** The same in a helper process: nothing is looked at, not even whether the pages are still mapped. */
    @Test void alsoIntoAHelpersDeletedSegment() {
        Session s = run(sut, List.of(process("p"), kernelRegion("k", 1, 11), userRegion("u", "p", 1, 22),
                new Call.Xmattach(P, at("u", 0), 1, "dp", Call.USER_ADSPACE),
                new Setup.DeleteSegment("u"),
                new Call.Xmemout(KPROC, at("k", 0), at("u", 0), 0, "dp")));
        assertEquals(Verdict.FAIL, s.verdict(), () -> explain(s));
        assertEquals(Call.XMEM_SUCC, returned(lastCall(s)));
    }
}
