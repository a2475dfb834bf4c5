package xmemck.fuzz.gen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import xmemck.fuzz.engine.Choices;
import xmemck.fuzz.engine.Search;
import xmemck.ops.Call;
import xmemck.ops.Layout;
import xmemck.ops.Op;
import xmemck.ops.Setup;
import xmemck.spi.Capabilities;
import xmemck.spi.Capability;

class CaseGenTest {

    static List<Op> sample(CaseGen gen, long i) {
        return gen.draw(Choices.random(Search.caseSeed(1, i)));
    }

    @Test
    void everyCaseEndsWithACallAndCreatesWhatItUses() {
        CaseGen gen = new CaseGen(Capabilities.all());
        for (long i = 0; i < 20_000; i++) {
            List<Op> ops = sample(gen, i);
            assertTrue(
                    ops.getLast() instanceof Call,
                    "case " + i + " ends with " + ops.getLast().describe());
            boolean p =
                    ops.stream()
                            .anyMatch(
                                    o ->
                                            o instanceof Setup.CreateProcess cp
                                                    && cp.name().equals("p"));
            boolean usesP =
                    ops.stream()
                            .anyMatch(
                                    o ->
                                            o.describe().contains("process p")
                                                    || (o instanceof Setup.MapRegion r
                                                            && r.space().equals("p")));
            assertEquals(usesP, p, "case " + i + ": " + ops);
        }
    }

    @Test
    void theDocumentsFavouriteConditionsAreFrequent() {
        CaseGen gen = new CaseGen(Capabilities.all());
        Map<String, Integer> seen = new HashMap<>();
        int n = 20_000;
        for (long i = 0; i < n; i++) {
            for (Op op : sample(gen, i)) {
                String key =
                        switch (op) {
                            case Call.Xmemout x when x.count() == 0 -> "count 0";
                            case Call.Copyout x when x.cn() == 1 -> "count 1";
                            case Call.Copyout x
                                    when x.userbuf() instanceof xmemck.ops.Addr.In in
                                            && (in.offset() + x.cn()) % Layout.PAGE_SIZE == 0
                                            && x.cn() > 0 ->
                                    "ends at a page end";
                            case Call.Xmdetach d -> "detach";
                            case Setup.DeleteSegment d -> "delete segment";
                            case Setup.SetPageState s -> "page state";
                            case Setup.SetFrame f -> "no frame";
                            case Call.VmMvc v when v.pgoffs() + v.count() == Layout.PAGE_SIZE + 1 ->
                                    "vm_mvc one byte past its page";
                            case Call.VmMvc v -> "vm_mvc";
                            case Call.Xmemout x
                                    when x.context() instanceof xmemck.ops.Context.Interrupt ->
                                    "xmemout at interrupt level";
                            default -> "other";
                        };
                seen.merge(key, 1, Integer::sum);
            }
        }
        for (String k :
                List.of(
                        "count 0",
                        "count 1",
                        "ends at a page end",
                        "detach",
                        "delete segment",
                        "page state",
                        "no frame",
                        "vm_mvc",
                        "vm_mvc one byte past its page",
                        "xmemout at interrupt level")) {
            assertTrue(
                    seen.getOrDefault(k, 0) > n / 200,
                    k
                            + " appears only "
                            + seen.getOrDefault(k, 0)
                            + " times in "
                            + n
                            + " cases: "
                            + seen);
        }
    }

    @Test
    void whatTheAdapterCannotDoIsNeverGenerated() {
        Map<Capability, String> missing = new EnumMap<>(Capability.class);
        for (Capability c :
                List.of(
                        Capability.INTERRUPT_CONTEXT,
                        Capability.ADI,
                        Capability.PAGED_OUT_PAGES,
                        Capability.VM_MVC,
                        Capability.SEGMENT_DELETE,
                        Capability.SPECIAL_ADDRESSES,
                        Capability.USER_BLOCK,
                        Capability.DDI_COPYOUT)) missing.put(c, "not here");
        Capabilities caps = Capabilities.allBut(missing);
        CaseGen gen = new CaseGen(caps);
        for (long i = 0; i < 20_000; i++) {
            for (Op op : sample(gen, i)) {
                assertTrue(
                        caps.whyNot(Capability.requiredBy(op)).isEmpty(),
                        "case "
                                + i
                                + " uses "
                                + op.describe()
                                + ": "
                                + caps.whyNot(Capability.requiredBy(op)));
            }
        }
    }

    @Test
    void anAdapterWithoutAnyFuzzedServiceIsRefusedWithTheReason() {
        Map<Capability, String> missing = new EnumMap<>(Capability.class);
        for (Capability c :
                List.of(Capability.COPYOUT, Capability.DDI_COPYOUT, Capability.XMEM_SERVICES))
            missing.put(c, "not built");
        var e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> new CaseGen(Capabilities.allBut(missing)));
        assertTrue(e.getMessage().contains("none of the fuzzed services"), e.getMessage());
    }

    @Test
    void anyEditedChoiceSequenceStillGeneratesACase() {
        CaseGen gen = new CaseGen(Capabilities.all());
        java.util.SplittableRandom r = new java.util.SplittableRandom(5);
        for (int i = 0; i < 20_000; i++) {
            long[] choices = new long[r.nextInt(40)];
            for (int j = 0; j < choices.length; j++)
                choices[j] = r.nextInt(10) == 0 ? r.nextLong(1 << 20) : r.nextInt(6);
            List<Op> ops = gen.draw(Choices.replay(choices));
            assertFalse(ops.isEmpty());
        }
    }

    @Test
    void casesReplayExactlyFromTheirSeedAndFromTheirChoices() {
        CaseGen gen = new CaseGen(Capabilities.all());
        for (long i = 0; i < 2_000; i++) {
            Choices first = Choices.random(Search.caseSeed(8, i));
            List<Op> ops = gen.draw(first);
            assertEquals(
                    ops,
                    gen.draw(Choices.random(Search.caseSeed(8, i))),
                    "case " + i + " from its seed");
            Choices again = Choices.replay(first.recorded());
            assertEquals(ops, gen.draw(again), "case " + i + " from its choices");
            org.junit.jupiter.api.Assertions.assertArrayEquals(first.recorded(), again.recorded());
        }
    }

    @Test
    void casesAreNotTrivial() {
        CaseGen gen = new CaseGen(Capabilities.all());
        int n = 20_000;
        long ops = 0;
        for (long i = 0; i < n; i++) ops += sample(gen, i).size();
        assertTrue(
                ops > 3L * n,
                "cases should average more than 3 operations, got " + ops / (double) n);
    }

    /**
     * The shapes the manual pages name and the oracle now judges all come up: every one is a way to
     * be wrong.
     */
    @Test
    void theNewShapesAreGenerated() {
        CaseGen gen = new CaseGen(Capabilities.all());
        Map<String, Integer> seen = new HashMap<>();
        int n = 40_000;
        for (long i = 0; i < n; i++) {
            List<Op> ops = sample(gen, i);
            for (Op op : ops) {
                String key =
                        switch (op) {
                            case Setup.SetAdiVersion a when a.version() == 0 -> "ADI version 0";
                            case Setup.SetAdiVersion a when a.version() == 15 -> "ADI version 15";
                            case Setup.DamageLines d -> "damaged lines";
                            case Setup.MapRegionBelowUserBlock r -> "a region below the user block";
                            case Setup.MapRegionAcrossSegments r ->
                                    "a region across a segment boundary";
                            case Setup.Protect p when p.object().equals(CaseGen.Names.SOURCE) ->
                                    "a driver buffer page without access";
                            case Setup.Unmap u when u.object().equals(CaseGen.Names.SOURCE) ->
                                    "a driver buffer page unmapped";
                            case Call.VmMvc v
                                    when v.context() instanceof xmemck.ops.Context.KernelProcess
                                            && v.ptr() instanceof xmemck.ops.Addr.In in
                                            && ops.stream()
                                                    .anyMatch(
                                                            o ->
                                                                    o instanceof Setup.MapRegion r
                                                                            && r.name()
                                                                                    .equals(
                                                                                            in
                                                                                                    .object())
                                                                            && !r.space()
                                                                                    .equals(
                                                                                            "kernel")) ->
                                    "vm_mvc from a kernel process into a user buffer";
                            case Call.VmMvc v
                                    when v.context() instanceof xmemck.ops.Context.KernelProcess ->
                                    "vm_mvc from a kernel process";
                            default -> "other";
                        };
                seen.merge(key, 1, Integer::sum);
                if (op instanceof Call.Copyout x)
                    assertTrue(
                            x.cn() >= 0,
                            "copyout's size_t count is never drawn negative: " + op.describe());
                if (op instanceof Call.DdiCopyout x)
                    assertTrue(
                            x.cn() >= 0,
                            "ddi_copyout's size_t count is never drawn negative: " + op.describe());
            }
        }
        for (String k :
                List.of(
                        "ADI version 0",
                        "ADI version 15",
                        "damaged lines",
                        "a region below the user block",
                        "a region across a segment boundary",
                        "a driver buffer page without access",
                        "a driver buffer page unmapped",
                        "vm_mvc from a kernel process into a user buffer",
                        "vm_mvc from a kernel process")) {
            assertTrue(
                    seen.getOrDefault(k, 0) > n / 1000,
                    k
                            + " appears only "
                            + seen.getOrDefault(k, 0)
                            + " times in "
                            + n
                            + " cases: "
                            + seen);
        }
    }
}
