package xmemck.glue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xmemck.fuzz.GherkinWriter;
import xmemck.harness.ScenarioResult;
import xmemck.lint.StepMatcher;
import xmemck.ops.Addr;
import xmemck.ops.Call;
import xmemck.ops.Context;
import xmemck.ops.Observe;
import xmemck.ops.Op;
import xmemck.ops.PageState;
import xmemck.ops.Prot;
import xmemck.ops.Setup;
import xmemck.oracle.Verdict;

/**
 * The fuzzer writes its counterexamples as features in this glue's vocabulary: every operation it
 * can write must match exactly one step definition, and a written scenario must replay the very
 * operations it was written from.
 */
class FuzzVocabularyTest {

    private static final StepMatcher GLUE = StepMatcher.forGlue("xmemck.glue");

    /** At least one operation of every kind and variant of the operation language. */
    static List<Op> everyKindOfOp() {
        List<Op> ops =
                new ArrayList<>(
                        List.of(
                                new Setup.CreateProcess("p1"),
                                new Setup.MapRegion("kbuf", "kernel", 2, Prot.READ_WRITE, 7),
                                new Setup.MapRegion("ubuf", "p1", 1, Prot.READ, -3),
                                new Setup.CreateFileSegment("seg", 2, 11),
                                new Setup.SetFrame("seg", 1, false),
                                new Setup.SetFrame("seg", 1, true),
                                new Setup.Unmap("ubuf", 0, 1),
                                new Setup.Unmap("ubuf", 1, 3),
                                new Setup.Pin("ubuf", 0, 2),
                                new Setup.SetAdiVersion("ubuf", 0, 1, 3),
                                new Setup.SetAdiVersion("ubuf", 2, 5, 15),
                                new Setup.DeleteSegment("ubuf"),
                                new Call.Xmattach(
                                        Context.process("p1"),
                                        new Addr.In("ubuf", 0),
                                        4096,
                                        "d",
                                        Call.USERI_ADSPACE),
                                new Call.Xmattach(
                                        Context.kernelProcess(), new Addr.In("kbuf", 0), 0, "k", 7),
                                new Call.Xmdetach(Context.interrupt(), "d"),
                                new Call.Xmemout(
                                        Context.interrupt(),
                                        new Addr.In("kbuf", 5),
                                        new Addr.Special(Addr.Place.UNMAPPED, 8),
                                        -1,
                                        "d"),
                                new Call.VmMvc(
                                        Context.process("p1"),
                                        "seg",
                                        1,
                                        4095,
                                        2,
                                        Call.VM_MVC_PROTZERO,
                                        "d",
                                        new Addr.In("ubuf", 0)),
                                new Call.VmMvc(
                                        Context.process("p1"),
                                        "seg",
                                        0,
                                        0,
                                        1,
                                        9,
                                        "d",
                                        new Addr.In("ubuf", 0)),
                                new Call.Copyout(
                                        Context.process("p1"),
                                        new Addr.In("kbuf", 0),
                                        new Addr.In("ubuf", -8, 4),
                                        64),
                                new Call.Copyout(
                                        Context.process("p1"),
                                        new Addr.In("kbuf", 0),
                                        new Addr.Special(Addr.Place.USER_BLOCK, 0),
                                        64),
                                new Call.DdiCopyout(
                                        Context.kernelProcess(),
                                        new Addr.In("kbuf", 0),
                                        new Addr.In("kbuf", 100),
                                        12,
                                        Call.FKIOCTL),
                                new Call.DdiCopyout(
                                        Context.process("p1"),
                                        new Addr.In("kbuf", 0),
                                        new Addr.Special(Addr.Place.NULL, 0),
                                        12,
                                        0),
                                new Call.XxIoctl(
                                        Context.process("p1"),
                                        new Addr.In("kbuf", 0),
                                        Call.XX_GETREGS,
                                        new Addr.Special(Addr.Place.KERNEL, 0)),
                                new Call.XxIoctl(
                                        Context.process("p1"),
                                        new Addr.In("kbuf", 0),
                                        7,
                                        new Addr.In("ubuf", 0)),
                                new Observe.Bytes("ubuf", -4096, 12288),
                                new Observe.Bytes("ubuf", 0, 1),
                                new Observe.Protection("seg", 1)));
        for (Prot p : Prot.values()) ops.add(new Setup.Protect("ubuf", 0, 1, p));
        for (PageState s : PageState.values()) ops.add(new Setup.SetPageState("ubuf", 2, 2, s));
        for (int cmd : new int[] {Call.VM_MVC_ZERO, Call.VM_MVC_READ, Call.VM_MVC_WRITE}) {
            ops.add(
                    new Call.VmMvc(
                            Context.kernelProcess(),
                            "seg",
                            0,
                            0,
                            1,
                            cmd,
                            "d",
                            new Addr.In("ubuf", 0)));
        }
        return ops;
    }

    @Test
    void everySentenceTheFuzzerWritesMatchesExactlyOneStepDefinition() {
        for (Op op : everyKindOfOp()) {
            String sentence = GherkinWriter.sentence(op);
            List<StepMatcher.Definition> m = GLUE.matching(sentence);
            assertEquals(
                    1,
                    m.size(),
                    () ->
                            op.describe()
                                    + " is written \""
                                    + sentence
                                    + "\", which matches "
                                    + m.stream().map(StepMatcher.Definition::method).toList());
        }
        assertEquals(1, GLUE.matching(GherkinWriter.CONFORMS).size());
    }

    @Test
    void aWrittenScenarioReplaysTheOperationsItWasWrittenFrom(@TempDir Path dir)
            throws IOException {
        List<Op> ops =
                List.of(
                        new Setup.CreateProcess("p1"),
                        new Setup.MapRegion("kbuf", "kernel", 2, Prot.READ_WRITE, 123456789),
                        new Setup.MapRegion("ubuf", "p1", 2, Prot.READ_WRITE, -42),
                        new Setup.Protect("ubuf", 1, 1, Prot.READ),
                        new Call.Xmattach(
                                Context.process("p1"),
                                new Addr.In("ubuf", 0),
                                8192,
                                "d",
                                Call.USER_ADSPACE),
                        new Call.Xmemout(
                                Context.interrupt(),
                                new Addr.In("kbuf", 3),
                                new Addr.In("ubuf", 100),
                                5000,
                                "d"),
                        new Call.Copyout(
                                Context.process("p1"),
                                new Addr.In("kbuf", 0),
                                new Addr.In("ubuf", 5),
                                9),
                        new Observe.Bytes("ubuf", -4096, 16384));
        GherkinWriter.Origin origin =
                new GherkinWriter.Origin(
                        "reference", null, false, 1, 2, "test", "xmemout.fail.authority", 8, "");
        Path features = Files.createDirectories(dir.resolve("features"));
        Files.writeString(
                features.resolve("replay.feature"),
                GherkinWriter.feature(origin, ops, "xmemout.fail.authority"));

        GlueVerdictsTest.Run r = GlueVerdictsTest.run("reference", features);
        assertEquals(1, r.results().size());
        ScenarioResult s = r.results().getFirst();
        assertEquals(Verdict.PASS, s.verdict(), s.reason());
        List<String> ran =
                s.log().stream()
                        .filter(l -> l.startsWith("PASS  "))
                        .map(l -> l.substring(6))
                        .toList();
        assertEquals(ops.size(), ran.size(), () -> "ran " + ran);
        for (int i = 0; i < ops.size(); i++) {
            String expected = ops.get(i).describe();
            assertTrue(
                    ran.get(i).startsWith(expected),
                    "operation " + i + ": wrote " + expected + ", replayed " + ran.get(i));
        }
    }
}
