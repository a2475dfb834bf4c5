package xmemck.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import xmemck.harness.Session;
import xmemck.harness.Step;
import xmemck.ops.Addr;
import xmemck.ops.Call;
import xmemck.ops.Context;
import xmemck.ops.Observe;
import xmemck.ops.Op;
import xmemck.ops.PageState;
import xmemck.ops.Prot;
import xmemck.ops.Result;
import xmemck.ops.Setup;
import xmemck.oracle.Catalogue;
import xmemck.oracle.Finding;
import xmemck.oracle.Verdict;
import xmemck.spi.Capability;

/**
 * The example implementation in C, at the op level, judged by the oracle through the harness: every
 * program passes on the conforming build, and each seeded fault is caught, as FAIL, on the clause
 * its --list-faults line names.
 */
class CExampleTest {
    static final String BINARY = System.getProperty("xmemck.cExample", "target/xmemck-c-example");
    static final Context P = Context.process("p");
    static final int PAGE = 4096;

    private static ProcessSut conforming;

    @BeforeAll
    static void start() throws Exception {
        conforming =
                ProcessSut.start(
                        List.of(BINARY),
                        Duration.ofSeconds(5),
                        Duration.ofSeconds(10),
                        Duration.ofSeconds(2));
    }

    @AfterAll
    static void stop() {
        if (conforming != null) conforming.close();
    }

    // ---- the world every program starts from ----

    static List<Op> world(Op... more) {
        List<Op> ops =
                new ArrayList<>(
                        List.of(
                                new Setup.CreateProcess("p"),
                                new Setup.MapRegion("k", "kernel", 2, Prot.READ_WRITE, 11),
                                new Setup.MapRegion("u", "p", 3, Prot.READ_WRITE, 22)));
        ops.addAll(List.of(more));
        return ops;
    }

    static Addr k(long off) {
        return Addr.in("k", off);
    }

    static Addr u(long off) {
        return Addr.in("u", off);
    }

    static Call attach(String dp) {
        return new Call.Xmattach(P, u(0), 3 * PAGE, dp, Call.USER_ADSPACE);
    }

    static Op file() {
        return new Setup.CreateFileSegment("f", 2, 33);
    }

    /**
     * One program per seeded fault: passes on the conforming build, fails on the fault's clause
     * with it.
     */
    static final Map<String, List<Op>> CATCHES = new LinkedHashMap<>();

    static {
        CATCHES.put(
                "vm_mvc_boundary_off_by_one",
                world(file(), new Call.VmMvc(P, "f", 0, 4000, 97, Call.VM_MVC_ZERO, "dp", u(0))));
        CATCHES.put(
                "copyout_no_write_check",
                world(
                        new Setup.Protect("u", 0, 1, Prot.READ),
                        new Call.Copyout(P, k(0), u(8), 16)));
        CATCHES.put(
                "xmemout_no_authority_check",
                world(
                        attach("dp"),
                        new Setup.Protect("u", 1, 1, Prot.READ),
                        new Call.Xmemout(P, k(0), u(PAGE - 100), 300, "dp")));
        CATCHES.put(
                "xmdetach_stale_descriptor",
                world(
                        attach("dp"),
                        new Call.Xmdetach(P, "dp"),
                        new Call.Xmemout(P, k(0), u(0), 64, "dp")));
        CATCHES.put(
                "xmemout_interrupt_pagein",
                world(
                        attach("dp"),
                        new Setup.SetPageState("u", 1, 1, PageState.PAGED_OUT),
                        new Call.Xmemout(Context.interrupt(), k(0), u(PAGE + 8), 64, "dp")));
        CATCHES.put(
                "xmemout_one_byte_past_end",
                world(attach("dp"), new Call.Xmemout(P, k(0), u(200), 100, "dp")));
        CATCHES.put(
                "copyout_returns_efault",
                world(new Call.Copyout(P, k(0), Addr.special(Addr.Place.NULL), 8)));
        CATCHES.put(
                "vm_mvc_read_write_swapped",
                world(
                        file(),
                        attach("dp"),
                        new Setup.Pin("u", 0, 3),
                        new Call.VmMvc(P, "f", 0, 100, 200, Call.VM_MVC_READ, "dp", u(50))));
        CATCHES.put(
                "protzero_no_protect",
                world(
                        file(),
                        attach("dp"),
                        new Setup.Pin("u", 0, 3),
                        new Call.VmMvc(P, "f", 1, 0, PAGE, Call.VM_MVC_PROTZERO, "dp", u(0))));
        CATCHES.put("copyout_drops_unaligned_tail", world(new Call.Copyout(P, k(3), u(5), 13)));
        CATCHES.put(
                "xmemout_stale_buffer_leak",
                world(attach("dp"), new Call.Xmemout(P, k(8), u(16), 6000, "dp")));
        CATCHES.put(
                "xmattach_accepts_zero_count",
                world(new Call.Xmattach(P, u(0), 0, "dp", Call.USER_ADSPACE)));
        CATCHES.put(
                "copyout_user_block_unchecked",
                world(new Call.Copyout(P, k(0), Addr.special(Addr.Place.USER_BLOCK), 8)));
        CATCHES.put(
                "xmemout_ignores_deleted_segment",
                world(
                        attach("dp"),
                        new Setup.DeleteSegment("u"),
                        new Call.Xmemout(P, k(0), u(0), 64, "dp")));
        CATCHES.put(
                "copyout_ignores_adi",
                world(
                        new Setup.SetAdiVersion("u", 0, 64, 5),
                        new Call.Copyout(P, k(0), new Addr.In("u", 0, 3), 100)));
        CATCHES.put(
                "ioctl_returns_minus_one",
                world(
                        new Call.XxIoctl(
                                P, k(0), Call.XX_GETREGS, Addr.special(Addr.Place.UNMAPPED))));
        CATCHES.put(
                "copyout_writes_readonly_page",
                world(
                        new Setup.Protect("u", 1, 1, Prot.READ),
                        new Call.Copyout(P, k(0), u(PAGE - 8), 16)));
        CATCHES.put(
                "copyout_ignores_adi_version_3",
                world(
                        new Setup.SetAdiVersion("u", 0, 64, 3),
                        new Call.Copyout(P, k(0), new Addr.In("u", 0, 5), 100)));
        CATCHES.put(
                "protzero_partial_page_unprotected",
                world(
                        file(),
                        attach("dp"),
                        new Setup.Pin("u", 0, 3),
                        new Call.VmMvc(P, "f", 1, 8, 100, Call.VM_MVC_PROTZERO, "dp", u(0))));
    }

    /** More behaviour the conforming build must get right (each program must PASS throughout). */
    static final Map<String, List<Op>> CONFORMS = new LinkedHashMap<>();

    static {
        CONFORMS.put(
                "xmemout across pages, from a kernel process and at interrupt level",
                world(
                        attach("dp"),
                        new Call.Xmemout(P, k(0), u(100), 5000, "dp"),
                        new Call.Xmemout(Context.kernelProcess(), k(7), u(PAGE * 2 + 1), 333, "dp"),
                        new Call.Xmemout(Context.interrupt(), k(8), u(8), 4001, "dp"),
                        Observe.Bytes.whole("u", 3 * PAGE)));
        CONFORMS.put(
                "xmemout pages in at process level and stops at a paging error",
                world(
                        attach("dp"),
                        new Setup.SetPageState("u", 1, 1, PageState.PAGED_OUT),
                        new Setup.SetPageState("u", 2, 1, PageState.PAGING_IO_ERROR),
                        new Call.Xmemout(P, k(0), u(PAGE - 10), PAGE + 20, "dp"),
                        new Call.Xmemout(P, k(0), u(2 * PAGE - 10), 20, "dp")));
        CONFORMS.put(
                "xmattach twice, xmdetach twice",
                world(
                        attach("dp"),
                        attach("dp"),
                        new Call.Xmdetach(P, "dp"),
                        new Call.Xmdetach(Context.interrupt(), "dp")));
        CONFORMS.put(
                "xmemout into a hole fails after the pages before it",
                world(
                        attach("dp"),
                        new Setup.Unmap("u", 1, 1),
                        new Call.Xmemout(P, k(0), u(PAGE - 3), 10, "dp"),
                        Observe.Bytes.whole("u", 3 * PAGE)));
        CONFORMS.put(
                "vm_mvc commands, ENOENT and EINVAL",
                world(
                        file(),
                        attach("dp"),
                        new Setup.Pin("u", 0, 3),
                        new Call.VmMvc(P, "f", 0, 10, 100, Call.VM_MVC_ZERO, "dp", u(0)),
                        new Call.VmMvc(P, "f", 1, 0, PAGE, Call.VM_MVC_WRITE, "dp", u(PAGE)),
                        new Call.VmMvc(P, "f", 1, 5, 10, Call.VM_MVC_PROTZERO, "dp", u(0)),
                        new Observe.Protection("f", 1),
                        new Call.VmMvc(P, "f", 1, 0, 64, Call.VM_MVC_WRITE, "dp", u(0)),
                        new Call.VmMvc(P, "f", 0, 0, 8, 9, "dp", u(0)),
                        new Setup.SetFrame("f", 0, false),
                        new Call.VmMvc(P, "f", 0, 0, 8, Call.VM_MVC_READ, "dp", u(0)),
                        new Call.VmMvc(P, "f", 0, 4090, 8, Call.VM_MVC_READ, "dp", u(0)),
                        new Call.VmMvc(P, "f", 5, 0, 8, Call.VM_MVC_ZERO, "dp", u(0)),
                        Observe.Bytes.whole("f", 2 * PAGE)));
        CONFORMS.put(
                "copyout's failures and partial copies",
                world(
                        new Setup.MapRegion("v", "p", 2, Prot.READ_WRITE, 5),
                        new Setup.Protect("v", 1, 1, Prot.NONE),
                        new Call.Copyout(P, k(1), Addr.in("v", PAGE - 7), 64),
                        new Call.Copyout(P, k(0), Addr.special(Addr.Place.KERNEL), 8),
                        new Call.Copyout(P, k(0), Addr.in("k", 0), 8),
                        new Setup.SetPageState("u", 2, 1, PageState.HARDWARE_ERROR),
                        new Call.Copyout(P, k(0), u(2 * PAGE - 4), 8),
                        new Setup.SetPageState("u", 1, 1, PageState.PAGED_OUT),
                        new Call.Copyout(P, k(0), u(PAGE + 1), 100),
                        new Call.Copyout(P, k(0), u(0), 0),
                        new Setup.SetAdiVersion("u", 1, 2, 6),
                        new Call.Copyout(P, k(0), new Addr.In("u", 0, 0), 200),
                        Observe.Bytes.whole("u", 3 * PAGE)));
        CONFORMS.put(
                "ddi_copyout to user and kernel, and the ioctl",
                world(
                        new Setup.MapRegion("kd", "kernel", 1, Prot.READ_WRITE, 44),
                        new Call.DdiCopyout(P, k(0), Addr.in("kd", 10), 100, Call.FKIOCTL),
                        new Call.DdiCopyout(P, k(0), u(10), 100, 0),
                        new Call.DdiCopyout(
                                Context.kernelProcess(), k(0), Addr.in("kd", 500), 9, Call.FKIOCTL),
                        new Call.XxIoctl(P, k(100), Call.XX_GETREGS, u(3)),
                        new Call.XxIoctl(P, k(100), Call.XX_GETREGS, Addr.special(Addr.Place.NULL)),
                        Observe.Bytes.whole("kd", PAGE)));
        CONFORMS.put(
                "a second process and a deleted segment",
                world(
                        new Setup.CreateProcess("q"),
                        new Setup.MapRegion("w", "q", 1, Prot.READ_WRITE, 77),
                        new Call.Xmattach(
                                Context.process("q"),
                                Addr.in("w", 0),
                                PAGE,
                                "dq",
                                Call.USER_ADSPACE),
                        new Call.Xmemout(Context.interrupt(), k(0), Addr.in("w", 16), 32, "dq"),
                        new Call.Xmattach(P, k(0), PAGE, "dk", Call.SYS_ADSPACE),
                        new Setup.DeleteSegment("w"),
                        new Call.Xmemout(P, k(0), Addr.in("w", 0), 8, "dq"),
                        new Call.Xmemout(P, k(0), Addr.in("w", 0), 0, "dq"),
                        new Call.Xmemout(P, k(0), u(0), 0, "never-attached")));
        CONFORMS.put(
                "vm_mvc with count 0: argument errors hold whatever the count",
                world(
                        file(),
                        attach("dp"),
                        new Setup.Pin("u", 0, 3),
                        new Call.VmMvc(P, "f", 0, PAGE, 0, Call.VM_MVC_READ, "dp", u(0)),
                        new Call.VmMvc(P, "f", 0, 0, 0, Call.VM_MVC_WRITE, "dp", u(0)),
                        new Setup.SetFrame("f", 1, false),
                        new Call.VmMvc(P, "f", 1, 0, 0, Call.VM_MVC_READ, "dp", u(0))));
        CONFORMS.put(
                "copyout from a driver buffer with a no-access page and a hole",
                world(
                        new Setup.MapRegion("ks", "kernel", 3, Prot.READ_WRITE, 12),
                        new Setup.Protect("ks", 1, 1, Prot.NONE),
                        new Setup.Unmap("ks", 2, 1),
                        new Call.Copyout(P, Addr.in("ks", PAGE - 40), u(0), 100),
                        new Call.Copyout(P, Addr.in("ks", 2 * PAGE - 40), u(PAGE), 100),
                        Observe.Bytes.whole("u", 3 * PAGE)));
        CONFORMS.put(
                "ADI: memory versions 0 and 15 match every pointer version",
                world(
                        new Setup.SetAdiVersion("u", 1, 1, 15),
                        new Setup.SetAdiVersion("u", 2, 1, 5),
                        new Call.Copyout(P, k(0), new Addr.In("u", 0, 7), 128),
                        new Call.Copyout(P, k(0), new Addr.In("u", 0, 15), 128),
                        new Call.Copyout(P, k(0), new Addr.In("u", 0, 7), 160),
                        new Call.Copyout(P, k(0), new Addr.In("u", 64, 5), 128),
                        Observe.Bytes.whole("u", 3 * PAGE)));
        CONFORMS.put(
                "uncorrectable errors in chosen lines: the copies store up to the damaged line",
                world(
                        attach("dp"),
                        new Setup.DamageLines("u", 3, 2),
                        new Call.Copyout(P, k(0), u(0), 192),
                        new Call.Copyout(P, k(0), u(100), 200),
                        new Call.Copyout(P, k(0), u(320), 64),
                        new Call.Xmemout(P, k(8), u(150), 100, "dp"),
                        new Setup.SetPageState("u", 0, 1, PageState.RESIDENT),
                        new Call.Copyout(P, k(0), u(100), 200),
                        new Setup.SetPageState("u", 1, 1, PageState.HARDWARE_ERROR),
                        new Setup.DamageLines("u", 129, 1),
                        new Call.Xmemout(P, k(0), u(PAGE - 96), 200, "dp"),
                        new Call.Copyout(P, k(0), u(2 * PAGE), 64),
                        new Call.Copyout(P, k(0), u(2 * PAGE), 65),
                        Observe.Bytes.whole("u", 3 * PAGE)));
        CONFORMS.put(
                "a region below the user block: copyout runs into the user block and stops",
                world(
                        new Setup.MapRegionBelowUserBlock("b", "p", 2, Prot.READ_WRITE, 44),
                        new Call.Copyout(P, k(0), Addr.in("b", 2 * PAGE - 8), 16),
                        new Call.Copyout(P, k(0), Addr.in("b", 2 * PAGE), 8),
                        new Call.Copyout(P, k(0), Addr.special(Addr.Place.USER_BLOCK), 8),
                        new Call.Copyout(P, k(1), Addr.in("b", 100), 2 * PAGE - 100),
                        Observe.Bytes.whole("b", 2 * PAGE),
                        Observe.Digest.whole("b", 2 * PAGE)));
        CONFORMS.put(
                "a region across a segment boundary: xmattach, xmemout and copyout over it",
                world(
                        new Setup.MapRegionAcrossSegments("x", "p", 3, Prot.READ_WRITE, 55, 1),
                        new Setup.MapRegionAcrossSegments(
                                "kx", "kernel", 2, Prot.READ_WRITE, 66, 1),
                        new Call.Xmattach(P, Addr.in("x", PAGE), PAGE, "dx", Call.USER_ADSPACE),
                        new Call.Xmemout(P, k(0), Addr.in("x", PAGE - 100), 300, "dx"),
                        new Call.Xmemout(
                                Context.interrupt(),
                                Addr.in("kx", 10),
                                Addr.in("x", 10),
                                PAGE + 100,
                                "dx"),
                        new Call.Copyout(
                                P, Addr.in("kx", PAGE - 50), Addr.in("x", 2 * PAGE - 20), 100),
                        Observe.Bytes.whole("x", 3 * PAGE)));
        CONFORMS.put(
                "page digests of a region with holes, and of guard pages",
                world(
                        new Setup.MapRegion("big", "p", 64, Prot.READ_WRITE, 1),
                        new Setup.Unmap("big", 3, 2),
                        new Call.Copyout(P, k(0), Addr.in("big", 10 * PAGE - 10), 100),
                        Observe.Digest.whole("big", 64 * PAGE),
                        new Observe.Digest("u", -PAGE, PAGE),
                        new Observe.Digest("big", 64 * PAGE, PAGE)));
    }

    private static List<Step> run(ProcessSut sut, List<Op> program) {
        try (Session s = new Session(sut)) {
            return s.runAll(program);
        }
    }

    private static String transcript(List<Step> steps) {
        StringBuilder sb = new StringBuilder();
        for (Step st : steps) {
            sb.append("\n  ")
                    .append(st.verdict())
                    .append("  ")
                    .append(st.op() == null ? "(reset)" : st.op().describe());
            if (!st.message().isEmpty())
                sb.append("\n      ").append(st.message().replace("\n", "\n      "));
        }
        return sb.toString();
    }

    @Test
    void everyProgramPassesOnTheConformingBuild() {
        Map<String, List<Op>> all = new LinkedHashMap<>(CONFORMS);
        CATCHES.forEach((fault, program) -> all.put("the program that catches " + fault, program));
        List<String> problems = new ArrayList<>();
        all.forEach(
                (name, program) -> {
                    List<Step> steps = run(conforming, program);
                    boolean ok =
                            steps.size() == program.size()
                                    && steps.stream().allMatch(s -> s.verdict() == Verdict.PASS);
                    if (!ok) problems.add(name + ":" + transcript(steps));
                });
        if (!problems.isEmpty())
            fail(
                    "the conforming C example must pass every program:\n"
                            + String.join("\n", problems));
    }

    @Test
    void everySeededFaultIsCaughtOnItsClause() throws Exception {
        Map<String, String> faults = listFaults();
        assertTrue(faults.size() >= 10, "at least ten seeded faults, found " + faults.keySet());
        assertEquals(
                new TreeSet<>(faults.keySet()),
                new TreeSet<>(CATCHES.keySet()),
                "every fault needs a program here that catches it");
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> f : faults.entrySet()) {
            String clause = f.getValue();
            assertTrue(Catalogue.contains(clause), f.getKey() + " names unknown clause " + clause);
            try (ProcessSut faulty =
                    ProcessSut.start(
                            List.of(BINARY, "--fault", f.getKey()),
                            Duration.ofSeconds(5),
                            Duration.ofSeconds(10),
                            Duration.ofSeconds(2))) {
                assertTrue(faulty.name().endsWith("seeded fault " + f.getKey()), faulty.name());
                List<Step> steps = run(faulty, CATCHES.get(f.getKey()));
                boolean caught = steps.stream().anyMatch(s -> caughtOn(s, clause));
                if (!caught)
                    problems.add(
                            f.getKey() + " was not caught on " + clause + ":" + transcript(steps));
            }
        }
        if (!problems.isEmpty()) fail(String.join("\n", problems));
    }

    @Test
    void handshakeDeclaresEveryCapability() {
        assertEquals("xmemck C example 0.1.0", conforming.name());
        assertEquals(
                java.util.EnumSet.allOf(Capability.class), conforming.capabilities().supported());
    }

    @Test
    void selfTestReproducesTheProtocolsCheckValues() throws Exception {
        Process p = new ProcessBuilder(BINARY, "--self-test").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("checks passed"), out);
    }

    @Test
    void unknownFaultOrArgumentIsRefusedWithAHint() throws Exception {
        Process p = new ProcessBuilder(BINARY, "--fault", "no_such_fault").start();
        assertTrue(p.waitFor(5, TimeUnit.SECONDS));
        assertEquals(2, p.exitValue());
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(
                err.contains("unknown fault \"no_such_fault\"") && err.contains("--list-faults"),
                err);
    }

    @Test
    void aLongPipelinedBatchIsAnsweredInOrder() throws Exception {
        List<Op> setup = world(attach("dp"));
        conforming.reset();
        for (Result r : conforming.applyAll(setup))
            assertTrue(r instanceof Result.Done || r instanceof Result.Returned, r.toString());
        List<Op> batch = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            batch.add(
                    i % 2 == 0
                            ? new Call.Copyout(P, k(i), u(i), 8)
                            : new Call.Xmemout(P, k(i), u(i + 16), 8, "dp"));
        }
        conforming.applyAll(batch); // warm up
        int rounds = 20;
        long t0 = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            for (Result r : conforming.applyAll(batch)) assertEquals(new Result.Returned(0), r);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        // Speed is measured by the benchmarks (AdapterCallBench.copyoutBatched), never asserted in
        // a test: the
        // figure is printed for whoever reads the log.
        System.out.printf(
                "process adapter with the C example: %.0f calls/s in batches of %d%n",
                rounds * batch.size() / seconds, batch.size());
    }

    /**
     * A step catches a defect on {@code clause} when it FAILs and the clause is named by one of its
     * findings, or is a clause of the allowed outcome the implementation departed from (the judge
     * names that outcome's first clause in a return-value finding; for the ioctl that is the
     * copyout condition, and copyout.ioctl-efault comes next).
     */
    static boolean caughtOn(Step s, String clause) {
        if (s.verdict() != Verdict.FAIL || s.judgement() == null) return false;
        if (s.judgement().findings().stream().map(Finding::clause).anyMatch(clause::equals))
            return true;
        return s.judgement().matched() != null
                && s.judgement().matched().clauses().contains(clause);
    }

    /** Fault name to clause id, from the binary's own list. */
    static Map<String, String> listFaults() throws IOException, InterruptedException {
        Process p = new ProcessBuilder(BINARY, "--list-faults").start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue());
        Map<String, String> faults = new LinkedHashMap<>();
        for (String line : out.split("\n")) {
            if (line.isBlank()) continue;
            String[] f = line.split("\t");
            assertEquals(3, f.length, "name, clause and description, tab-separated: " + line);
            assertTrue(f[0].matches("[a-z0-9_]+") && !f[2].isBlank(), line);
            faults.put(f[0], f[1]);
        }
        return faults;
    }
}
