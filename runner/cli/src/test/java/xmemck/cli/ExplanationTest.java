package xmemck.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import xmemck.ops.Addr;
import xmemck.ops.Call;
import xmemck.ops.Context;
import xmemck.ops.Op;
import xmemck.ops.Prot;
import xmemck.ops.Setup;

/** The oracle's answer in plain words, for a few calls. */
class ExplanationTest {

    static final Context P1 = new Context.Process("p1");

    static List<Op> world(Op... more) {
        List<Op> ops =
                new ArrayList<>(
                        List.of(
                                new Setup.CreateProcess("p1"),
                                new Setup.MapRegion("k", "kernel", 1, Prot.READ_WRITE, 11),
                                new Setup.MapRegion("u", "p1", 2, Prot.READ_WRITE, 22)));
        ops.addAll(List.of(more));
        return ops;
    }

    static String explain(Op... calls) {
        Explanation.Text t = Explanation.of("q", world(calls));
        assertTrue(t.wellFormed(), t.text());
        return t.text();
    }

    static void has(String text, String... parts) {
        for (String p : parts) assertTrue(text.contains(p), "\"" + p + "\" in\n" + text);
    }

    @Test
    void aSuccessfulCopyoutHasExactlyOneOutcome() {
        String t = explain(new Call.Copyout(P1, new Addr.In("k", 0), new Addr.In("u", 8), 100));
        has(
                t,
                "q: 4 operations",
                "4. call: copyout(k+0, u+8, 100) from process p1",
                "The documentation allows exactly one outcome:",
                "- returns 0 (success)",
                "bytes [8, 108) of u become a copy of bytes [0, 100) of k as they were before the call",
                "decided by: copyout.succ",
                "(inv.no-write-outside, inv.source-unchanged, inv.no-foreign-data)",
                "Clauses named above",
                "copyout.succ [return value; copyout(9F), RETURN VALUES; copyout(9F), DESCRIPTION]");
    }

    @Test
    void aCopyIntoAReadOnlyPageMayStoreOnlyWhatComesBeforeItAndTheImplementationChoosesHowMuch() {
        String t =
                explain(
                        new Setup.Protect("u", 1, 1, Prot.READ),
                        new Call.Copyout(P1, new Addr.In("k", 0), new Addr.In("u", 4090), 16));
        has(
                t,
                "returns -1 (failure)",
                "bytes [4090, 4106) of u stay unchanged, except that each byte of [4090, 4096) (what the copy could store) may instead be its byte of a copy of bytes [0, 16) of k",
                "copyout.fail.paging-fault",
                "Left to the implementation",
                "copyout.failure-effect");
    }

    @Test
    void vmMvcWithTwoErrorsAllowsBothAndRecordsWhichWins() {
        List<Op> ops =
                new ArrayList<>(
                        world(
                                new Setup.CreateFileSegment("seg", 2, 5),
                                new Setup.SetFrame("seg", 0, false),
                                new Call.VmMvc(
                                        P1,
                                        "seg",
                                        0,
                                        4000,
                                        200,
                                        Call.VM_MVC_ZERO,
                                        "dp",
                                        new Addr.In("u", 0))));
        Explanation.Text t = Explanation.of("q", ops);
        has(
                t.text(),
                "any of 2 outcomes:",
                "returns 2 (ENOENT)",
                "returns 22 (EINVAL)",
                "vm_mvc.enoent",
                "vm_mvc.einval.boundary",
                "vm_mvc.precedence");
    }

    @Test
    void aCallOutsideTheContractPromisesNothingAndEndsTheExplanation() {
        String t =
                explain(
                        new Call.Copyout(
                                new Context.Interrupt(),
                                new Addr.In("k", 0),
                                new Addr.In("u", 0),
                                8),
                        new Call.Copyout(P1, new Addr.In("k", 0), new Addr.In("u", 0), 8));
        has(
                t,
                "OUTSIDE THE CONTRACT (copyout.ctx.user-only)",
                "the documentation promises nothing, and the kit judges nothing",
                "the remaining 1 operation is not explained");
        assertFalse(t.contains("5. call"), t);
    }

    @Test
    void laterCallsAreExplainedInTheWorldTheReferenceLeaves() {
        String t =
                explain(
                        new Call.Xmattach(P1, new Addr.In("u", 0), 8192, "dp", Call.USER_ADSPACE),
                        new Call.Xmemout(P1, new Addr.In("k", 0), new Addr.In("u", 16), 32, "dp"));
        has(
                t,
                "descriptor dp describes bytes [0, 8192) of u in p1 (USER_ADSPACE)",
                "it returns 0 (XMEM_SUCC)",
                "5. call: xmemout(k+0, u+16, 32, dp) from process p1",
                "returns 0 (XMEM_SUCC)",
                "xmemout.succ");
    }

    @Test
    void anIllFormedOperationEndsTheExplanationWithTheReason() {
        Explanation.Text t =
                Explanation.of(
                        "q",
                        world(
                                new Call.Copyout(
                                        P1, new Addr.In("nothing", 0), new Addr.In("u", 0), 8)));
        assertFalse(t.wellFormed());
        has(t.text(), "4. ill-formed, so nothing more can be explained:", "nothing");
    }
}
