package xmemck.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import xmemck.harness.Session;
import xmemck.harness.Step;
import xmemck.ops.Addr;
import xmemck.ops.Context;
import xmemck.ops.Op;
import xmemck.ops.Prot;
import xmemck.ops.Result;
import xmemck.ops.Setup;
import xmemck.oracle.Verdict;
import xmemck.spi.Sut;

/** Building and checking op programs run through the harness against the host kernel. */
final class Scenarios {
    private Scenarios() {}

    static final Context P = Context.process("p");
    static final Context KPROC = Context.kernelProcess();

    static Setup process(String name) {
        return new Setup.CreateProcess(name);
    }

    static Setup kernelRegion(String name, int pages, long seed) {
        return new Setup.MapRegion(name, "kernel", pages, Prot.READ_WRITE, seed);
    }

    static Setup userRegion(String name, String process, int pages, long seed) {
        return new Setup.MapRegion(name, process, pages, Prot.READ_WRITE, seed);
    }

    static Addr at(String object, long offset) {
        return Addr.in(object, offset);
    }

    /** Runs {@code ops} in a fresh session and returns it. */
    static Session run(Sut sut, List<? extends Op> ops) {
        Session s = new Session(sut);
        s.runAll(ops);
        return s;
    }

    /**
     * Every step passed; on failure the message shows the whole log and the first bad step's
     * message.
     */
    static void assertPass(Session s) {
        if (s.verdict() != Verdict.PASS) fail("expected PASS\n" + explain(s));
        assertFalse(s.steps().isEmpty(), "nothing ran");
    }

    /**
     * The session ended UNSUPPORTED at a step whose reason contains {@code reasonPart}; nothing
     * failed before.
     */
    static Step assertUnsupported(Session s, String reasonPart) {
        assertEquals(Verdict.UNSUPPORTED, s.verdict(), () -> "expected UNSUPPORTED\n" + explain(s));
        Step stop = s.stopper().orElseThrow();
        assertTrue(
                stop.message().contains(reasonPart),
                () ->
                        "the reason \""
                                + stop.message()
                                + "\" does not mention \""
                                + reasonPart
                                + "\"");
        return stop;
    }

    static Step assertOutside(Session s, String clause) {
        assertEquals(
                Verdict.OUTSIDE_CONTRACT,
                s.verdict(),
                () -> "expected OUTSIDE_CONTRACT\n" + explain(s));
        Step stop = s.stopper().orElseThrow();
        assertTrue(
                stop.clauses().contains(clause),
                () -> "clauses " + stop.clauses() + " do not contain " + clause);
        return stop;
    }

    /** The last step that was a call, with the value it returned. */
    static Step lastCall(Session s) {
        List<Step> steps = s.steps();
        for (int i = steps.size() - 1; i >= 0; i--) {
            if (steps.get(i).op() instanceof xmemck.ops.Call) return steps.get(i);
        }
        throw new AssertionError("no call ran\n" + explain(s));
    }

    static long returned(Step step) {
        assertNotNull(step.result(), "the call did not run");
        return ((Result.Returned) step.result()).value();
    }

    /** The adapter's raw system-call note of a call step. */
    static String note(Step step) {
        String n = step.implementationDefined().get("note." + CopyoutService.NOTE);
        assertNotNull(n, () -> "no linux.syscall note in " + step.implementationDefined());
        return n;
    }

    static String explain(Session s) {
        StringBuilder sb = new StringBuilder(String.join("\n", s.log()));
        s.stopper()
                .ifPresent(
                        st ->
                                sb.append("\nstopped at: ")
                                        .append(st.op() == null ? "reset" : st.op().describe())
                                        .append("\n")
                                        .append(st.message()));
        return sb.toString();
    }
}
