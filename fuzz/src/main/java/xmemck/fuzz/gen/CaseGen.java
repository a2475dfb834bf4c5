package xmemck.fuzz.gen;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import xmemck.fuzz.engine.Choices;
import xmemck.fuzz.engine.Gen;
import xmemck.ops.Addr;
import xmemck.ops.Call;
import xmemck.ops.Context;
import xmemck.ops.Layout;
import xmemck.ops.Op;
import xmemck.ops.PageState;
import xmemck.ops.Prot;
import xmemck.ops.Setup;
import xmemck.spi.Capabilities;
import xmemck.spi.Capability;

/**
 * Generates fuzz cases: a small world, a few events (faults injected into the destination, detached
 * descriptors, earlier calls) and a final call of one service, in the order the operations run.
 *
 * <p>Built for one adapter's {@link Capabilities}: what it cannot do gets weight 0, so cases rarely
 * stop at an UNSUPPORTED step. Weights follow the manual pages: faults land on the first or last
 * page the call touches, counts end at page boundaries, descriptors get detached and segments
 * deleted. Each operation's draws form a span, and the plainest alternative of every draw is its
 * index 0 (no process, the first page, count 0), so shrinking drops operations and simplifies the
 * rest.
 *
 * <p>Objects have fixed names and seeds ({@link Names}), which keeps counterexamples readable and
 * the leak check sharp (every object has its own pattern).
 */
public final class CaseGen implements Gen<List<Op>> {

    /** Object names and pattern seeds used by every case. */
    public static final class Names {
        private Names() {}

        public static final String PROCESS = "p";
        public static final String OTHER_PROCESS = "q";
        public static final String SOURCE = "k";
        public static final String DESTINATION = "u";
        public static final String BUFFER = "b";
        public static final String FILE = "f";
        public static final String DESCRIPTOR = "dp";
        public static final String KERNEL = xmemck.ops.Names.KERNEL;
        public static final long SOURCE_SEED = 11,
                DESTINATION_SEED = 22,
                FILE_SEED = 33,
                BUFFER_SEED = 44;
    }

    private static final int PAGE = Layout.PAGE_SIZE;
    private static final int MAX_SOURCE_PAGES = 5;

    private final Capabilities caps;
    private final int[] families;
    private final int[] prots;
    private final int[] faultKinds;
    private final int[] faultKindsPinned;
    private final int[] copyKinds;
    private final int[] destinations;
    private final int[] copyoutContexts;
    private final int[] xmemoutContexts;
    private final int[] vmMvcContexts;
    private final int[] xmemEvents;
    private final int[] copyEvents;
    private final int[] vmEvents;
    private final boolean kernelProcess;
    private final int[] spaces;
    private final int userBlockNeighbour;
    private final int segmentCrossing;

    public CaseGen(Capabilities caps) {
        this.caps = caps;
        boolean copy = has(Capability.COPYOUT) || has(Capability.DDI_COPYOUT);
        boolean xmem = has(Capability.XMEM_SERVICES);
        boolean vm = has(Capability.VM_MVC) && xmem && has(Capability.PINNING);
        if (!copy && !xmem) {
            throw new IllegalArgumentException(
                    "the adapter supports none of the fuzzed services (copyout, ddi_copyout, xmemout, vm_mvc): "
                            + caps.missing());
        }
        kernelProcess = has(Capability.KERNEL_PROCESS_CONTEXT);
        spaces = new int[] {kernelProcess ? 1 : 0, 4};
        boolean other = has(Capability.MULTIPLE_PROCESSES) && has(Capability.PROCESS_CONTEXT_OTHER);
        families = new int[] {copy ? 4 : 0, xmem ? 4 : 0, vm ? 3 : 0};
        prots = new int[] {12, w(Capability.READ_ONLY_PAGES, 1), w(Capability.NO_ACCESS_PAGES, 1)};
        faultKinds =
                new int[] {
                    w(Capability.READ_ONLY_PAGES, 4), w(Capability.NO_ACCESS_PAGES, 2),
                            w(Capability.UNMAPPED_PAGES, 2),
                    w(Capability.PAGED_OUT_PAGES, 3), w(Capability.PAGING_IO_ERROR, 3),
                            w(Capability.HARDWARE_ERROR, 2),
                    w(Capability.DAMAGED_LINES, 3)
                };
        // A pinned page cannot be paged out: only protection and hardware faults on pinned buffers.
        faultKindsPinned =
                new int[] {
                    w(Capability.READ_ONLY_PAGES, 4),
                    w(Capability.NO_ACCESS_PAGES, 2),
                    0,
                    0,
                    0,
                    w(Capability.HARDWARE_ERROR, 1),
                    w(Capability.DAMAGED_LINES, 1)
                };
        copyKinds =
                new int[] {
                    w(Capability.COPYOUT, 6),
                    w(Capability.DDI_COPYOUT, 2),
                    has(Capability.DDI_COPYOUT) ? w(Capability.KERNEL_DESTINATION, 1) : 0,
                    w(Capability.COPYOUT, 2)
                };
        destinations =
                new int[] {
                    24,
                    w(Capability.SPECIAL_ADDRESSES, 1),
                    w(Capability.USER_BLOCK, 1),
                    w(Capability.ADI, 3)
                };
        userBlockNeighbour = w(Capability.USER_BLOCK_NEIGHBOUR, 2);
        segmentCrossing = w(Capability.SEGMENT_CROSSING, 2);
        copyoutContexts =
                new int[] {
                    40,
                    w(Capability.INTERRUPT_CONTEXT, 1),
                    w(Capability.KERNEL_PROCESS_CONTEXT, 1),
                    other ? 1 : 0
                };
        xmemoutContexts =
                new int[] {
                    w(Capability.INTERRUPT_CONTEXT, 4),
                    w(Capability.KERNEL_PROCESS_CONTEXT, 3),
                    3,
                    other ? 1 : 0
                };
        vmMvcContexts =
                new int[] {
                    25, w(Capability.INTERRUPT_CONTEXT, 1), w(Capability.KERNEL_PROCESS_CONTEXT, 4)
                };
        // events: fault, earlier call, detach, delete segment, attach again
        boolean anyFault = sum(faultKinds) > 0;
        xmemEvents = new int[] {anyFault ? 6 : 0, 2, 3, w(Capability.SEGMENT_DELETE, 2), 1};
        // for copyout, event 3 is a fault on the driver buffer: a page the driver cannot read is a
        // paging fault
        copyEvents =
                new int[] {
                    anyFault ? 6 : 0,
                    2,
                    0,
                    w(Capability.NO_ACCESS_PAGES, 1) + w(Capability.UNMAPPED_PAGES, 1),
                    0
                };
        // no faults on the vm_mvc buffer and no detach: m2 must be usable and attached, else the
        // call is outside the contract
        vmEvents = new int[] {0, 1, 0, 0, 0, w(Capability.FRAMES, 5)};
    }

    @Override
    public List<Op> draw(Choices c) {
        return switch (c.weighted(families)) {
            case 0 -> copyout(c);
            case 1 -> xmemout(c);
            default -> vmMvc(c);
        };
    }

    // ---- copyout, ddi_copyout and the model ioctl ----

    private List<Op> copyout(Choices c) {
        int kind = c.weighted(copyKinds);
        boolean kernelDestination = kind == 2;
        int upages = Spans.pages(c);
        long usize = (long) upages * PAGE;
        Prot uprot = kernelDestination ? Prot.READ_WRITE : prot(c);
        int ctxKind = c.weighted(copyoutContexts);
        Context ctx =
                switch (ctxKind) {
                    case 0 -> Context.process(Names.PROCESS);
                    case 1 -> Context.interrupt();
                    case 2 -> Context.kernelProcess();
                    default -> Context.process(Names.OTHER_PROCESS);
                };
        // Sometimes the destination ends where the process's user block begins, and the copy runs
        // into it.
        boolean belowUserBlock =
                !kernelDestination && c.weighted(new int[] {30, userBlockNeighbour}) == 1;
        CopyShape shape =
                belowUserBlock ? intoUserBlock(c, kind, usize) : copyShape(c, kind, usize);
        List<Setup> adi = new ArrayList<>(1);
        Addr dst =
                belowUserBlock
                        ? Addr.in(Names.DESTINATION, shape.uoff)
                        : destination(
                                c,
                                Names.DESTINATION,
                                usize,
                                shape.uoff,
                                shape.count,
                                kernelDestination,
                                adi);
        Call call = copyCall(kind, ctx, shape, dst);
        List<Op> events =
                events(
                        c,
                        kernelDestination ? KERNEL_COPY_EVENTS : copyEvents,
                        Names.DESTINATION,
                        upages,
                        false,
                        shape.uoff,
                        shape.count,
                        () -> {
                            CopyShape earlier = copyShape(c, kind, usize);
                            return copyCall(
                                    kind, ctx, earlier, Addr.in(Names.DESTINATION, earlier.uoff));
                        },
                        null,
                        null,
                        () -> sourceFault(c, shape));
        int kpages = shape.kpages;
        for (Op e : events) if (e instanceof Call x) kpages = Math.max(kpages, sourcePagesOf(x));

        List<Op> ops = new ArrayList<>(6 + events.size());
        ops.add(
                new Setup.MapRegion(
                        Names.SOURCE, Names.KERNEL, kpages, Prot.READ_WRITE, Names.SOURCE_SEED));
        ops.add(
                belowUserBlock
                        ? new Setup.MapRegionBelowUserBlock(
                                Names.DESTINATION,
                                Names.PROCESS,
                                upages,
                                uprot,
                                Names.DESTINATION_SEED)
                        : new Setup.MapRegion(
                                Names.DESTINATION,
                                kernelDestination ? Names.KERNEL : Names.PROCESS,
                                upages,
                                uprot,
                                Names.DESTINATION_SEED));
        ops.addAll(adi);
        ops.addAll(events);
        ops.add(call);
        return withProcesses(ops);
    }

    private record CopyShape(long koff, long uoff, long count, int kpages) {}

    /**
     * A copy that starts in the last page of a region just below the user block and runs up to a
     * page into it.
     */
    private CopyShape intoUserBlock(Choices c, int kind, long usize) {
        long uoff = usize - 1 - c.below(Math.min(usize, 2 * PAGE));
        long count =
                kind == 3
                        ? Call.DEVICE_REGS_SIZE
                        : Math.max(1, usize - uoff + (c.below(3) == 0 ? 0 : 1 + c.below(PAGE)));
        long koff = c.weighted(SOURCE_OFFSETS) == 0 ? 0 : 1 + c.below(63);
        return new CopyShape(koff, uoff, count, sourcePages(koff, count));
    }

    /** A page of the driver buffer the driver cannot read: no access, or unmapped. */
    private Setup sourceFault(Choices c, CopyShape shape) {
        int page =
                shape.count <= 0
                        ? 0
                        : (int)
                                Math.min(
                                        shape.kpages - 1,
                                        Math.floorDiv(shape.koff + c.below(shape.count), PAGE));
        return has(Capability.NO_ACCESS_PAGES)
                        && (c.below(2) == 0 || !has(Capability.UNMAPPED_PAGES))
                ? new Setup.Protect(Names.SOURCE, page, 1, Prot.NONE)
                : new Setup.Unmap(Names.SOURCE, page, 1);
    }

    private CopyShape copyShape(Choices c, int kind, long usize) {
        // the ioctl always copies 12 bytes: keep its destination inside the region most of the time
        long uoff = Spans.offset(c, kind == 3 ? usize - Call.DEVICE_REGS_SIZE + 1 : usize);
        long count = kind == 3 ? Call.DEVICE_REGS_SIZE : Spans.count(c, uoff, usize, false);
        long koff = c.weighted(SOURCE_OFFSETS) == 0 ? 0 : 1 + c.below(63);
        return new CopyShape(koff, uoff, count, sourcePages(koff, count));
    }

    private static final int[] SOURCE_OFFSETS = {3, 1};

    /** A kernel destination must be writable kernel memory: no faults there, only earlier calls. */
    private static final int[] KERNEL_COPY_EVENTS = {0, 1, 0, 0, 0};

    private static Call copyCall(int kind, Context ctx, CopyShape s, Addr dst) {
        Addr src = Addr.in(Names.SOURCE, s.koff);
        return switch (kind) {
            case 0 -> new Call.Copyout(ctx, src, dst, s.count);
            case 1 -> new Call.DdiCopyout(ctx, src, dst, s.count, 0);
            case 2 -> new Call.DdiCopyout(ctx, src, dst, s.count, Call.FKIOCTL);
            default -> new Call.XxIoctl(ctx, src, Call.XX_GETREGS, dst);
        };
    }

    /**
     * The destination address: mostly inside {@code object}; sometimes a special place or an
     * ADI-tagged pointer.
     */
    private Addr destination(
            Choices c,
            String object,
            long size,
            long offset,
            long count,
            boolean kernelDestination,
            List<Setup> adi) {
        int kind = c.weighted(destinations);
        if (kernelDestination && kind != 0) kind = 0;
        switch (kind) {
            case 1 -> {
                Addr.Place[] places = {Addr.Place.NULL, Addr.Place.UNMAPPED, Addr.Place.KERNEL};
                return new Addr.Special(
                        places[(int) c.below(places.length)], c.below(2) == 0 ? 0 : offset);
            }
            case 2 -> {
                return new Addr.Special(Addr.Place.USER_BLOCK, c.below(2) == 0 ? 0 : offset);
            }
            case 3 -> {
                // ADI: tag some lines the copy touches, and a pointer whose version matches them or
                // not. Versions 0
                // and 15 are universal (they match every pointer), so they come up too.
                int version =
                        switch (c.weighted(ADI_VERSION_KINDS)) {
                            case 0 -> 1 + (int) c.below(14);
                            case 1 -> 15;
                            default -> 0;
                        };
                long regionLines = size / Layout.ADI_LINE;
                long firstLine =
                        Math.min(
                                regionLines - 1,
                                Math.max(0, Math.floorDiv(offset, Layout.ADI_LINE))
                                        + (c.below(3) == 0
                                                ? 0
                                                : c.below(
                                                        Math.max(
                                                                1,
                                                                Math.max(0, count) / Layout.ADI_LINE
                                                                        + 1))));
                long lines = Math.min(regionLines - firstLine, 1 + c.below(4));
                adi.add(new Setup.SetAdiVersion(object, firstLine, lines, version));
                int pointer =
                        switch ((int) c.below(3)) {
                            case 0 -> version;
                            case 1 -> -1;
                            default ->
                                    1
                                            + (version + (int) c.below(13))
                                                    % 14; // another version, 1..14
                        };
                return new Addr.In(object, offset, pointer);
            }
            default -> {
                return Addr.in(object, offset);
            }
        }
    }

    // ---- xmattach, xmdetach and xmemout ----

    private List<Op> xmemout(Choices c) {
        // the plainest destination (index 0) is kernel memory attached from a kernel process: no
        // process to create
        boolean kernelSpace = c.weighted(spaces) == 0;
        int upages = Spans.pages(c);
        long usize = (long) upages * PAGE;
        Prot uprot = prot(c);
        Context attachCtx =
                kernelSpace && kernelProcess
                        ? Context.kernelProcess()
                        : Context.process(Names.PROCESS);

        long aoff = 0, acount = usize;
        switch (c.weighted(ATTACH_RANGES)) {
            case 0 -> {}
            case 1 -> {
                aoff = Math.max(0, Math.min(usize - 1, Spans.offset(c, usize)));
                acount = Math.max(1, Spans.count(c, aoff, usize));
            }
            default -> {
                long odd = ODD_ATTACH_COUNTS[(int) c.below(ODD_ATTACH_COUNTS.length)];
                acount = odd == Long.MIN_VALUE ? usize + 1 : odd;
            }
        }
        int segflag = kernelSpace ? Call.SYS_ADSPACE : Call.USER_ADSPACE;
        if (c.weighted(SEGFLAG_ODD) == 1) segflag = SEGFLAGS[(int) c.below(SEGFLAGS.length)];
        Call attach =
                new Call.Xmattach(
                        attachCtx,
                        Addr.in(Names.DESTINATION, aoff),
                        acount,
                        Names.DESCRIPTOR,
                        segflag);

        int ctxKind = c.weighted(xmemoutContexts);
        Context ctx = xmemContext(ctxKind);
        long limit = Math.max(0, Math.min(usize, aoff + Math.max(0, acount)));
        long finalAoff = aoff;
        Supplier<Call> call =
                () -> {
                    long uoff =
                            c.weighted(INSIDE_ATTACHED) == 0
                                    ? finalAoff + Spans.offset(c, Math.max(1, limit - finalAoff))
                                    : Spans.offset(c, usize);
                    long count = Spans.count(c, uoff, limit);
                    long koff = c.weighted(SOURCE_OFFSETS) == 0 ? 0 : 1 + c.below(63);
                    return new Call.Xmemout(
                            ctx,
                            Addr.in(Names.SOURCE, koff),
                            Addr.in(Names.DESTINATION, uoff),
                            count,
                            Names.DESCRIPTOR);
                };
        Call.Xmemout last = (Call.Xmemout) call.get();
        long uoff = ((Addr.In) last.uaddr()).offset();
        List<Op> events =
                events(
                        c,
                        xmemEvents,
                        Names.DESTINATION,
                        upages,
                        false,
                        uoff,
                        last.count(),
                        call,
                        () ->
                                new Call.Xmdetach(
                                        c.below(2) == 1
                                                ? Context.process(Names.PROCESS)
                                                : interruptOrKernel(),
                                        Names.DESCRIPTOR),
                        () -> attach,
                        null);

        int kpages = sourcePagesOf(last);
        for (Op e : events) if (e instanceof Call x) kpages = Math.max(kpages, sourcePagesOf(x));

        List<Op> ops = new ArrayList<>(6 + events.size());
        ops.add(
                new Setup.MapRegion(
                        Names.SOURCE, Names.KERNEL, kpages, Prot.READ_WRITE, Names.SOURCE_SEED));
        // Sometimes the destination straddles a 256 MiB segment boundary.
        String space = kernelSpace ? Names.KERNEL : Names.PROCESS;
        ops.add(
                upages > 1 && c.weighted(new int[] {12, segmentCrossing}) == 1
                        ? new Setup.MapRegionAcrossSegments(
                                Names.DESTINATION,
                                space,
                                upages,
                                uprot,
                                Names.DESTINATION_SEED,
                                1 + (int) c.below(upages - 1))
                        : new Setup.MapRegion(
                                Names.DESTINATION, space, upages, uprot, Names.DESTINATION_SEED));
        ops.add(attach);
        ops.addAll(events);
        ops.add(last);
        return withProcesses(ops);
    }

    private static final int[] ATTACH_RANGES = {8, 3, 1};
    private static final long[] ODD_ATTACH_COUNTS = {0, -1, Long.MIN_VALUE};
    private static final int[] SEGFLAG_ODD = {30, 1};
    private static final int[] SEGFLAGS = {
        Call.USER_ADSPACE, Call.SYS_ADSPACE, Call.USERI_ADSPACE, 7
    };
    private static final int[] INSIDE_ATTACHED = {12, 1};

    private Context xmemContext(int kind) {
        return switch (kind) {
            case 0 -> Context.interrupt();
            case 1 -> Context.kernelProcess();
            case 2 -> Context.process(Names.PROCESS);
            default -> Context.process(Names.OTHER_PROCESS);
        };
    }

    private Context interruptOrKernel() {
        if (has(Capability.INTERRUPT_CONTEXT)) return Context.interrupt();
        return kernelProcess ? Context.kernelProcess() : Context.process(Names.PROCESS);
    }

    // ---- vm_mvc ----

    private List<Op> vmMvc(Choices c) {
        boolean kernelBuffer = kernelProcess && c.weighted(BUFFER_SPACES) == 0;
        Context processCtx =
                kernelBuffer ? Context.kernelProcess() : Context.process(Names.PROCESS);
        int fpages = 1 + c.weighted(FILE_PAGES);
        boolean pinned = c.weighted(PINNED) == 0;
        int cmd =
                switch (c.weighted(COMMANDS)) {
                    case 0 -> Call.VM_MVC_READ;
                    case 1 -> Call.VM_MVC_WRITE;
                    case 2 -> Call.VM_MVC_ZERO;
                    case 3 -> Call.VM_MVC_PROTZERO;
                    default -> BAD_COMMANDS[(int) c.below(BAD_COMMANDS.length)];
                };
        long pno = c.weighted(PNO_KINDS) == 0 ? c.below(fpages) : fpages;
        long pgoffs = Math.min(PAGE + 16, Spans.offset(c, PAGE));
        // EINVAL when m1 crosses its page boundary: end the range at the boundary, or a byte or two
        // either side of it,
        // often enough that an off-by-one in that check shows (Spans.count keeps ranges inside the
        // page).
        long count =
                c.weighted(VM_COUNT_KINDS) == 0
                        ? Spans.count(c, pgoffs, PAGE)
                        : Math.max(0, PAGE - pgoffs + Spans.delta(c));
        long boff =
                switch (c.weighted(BUFFER_OFFSETS)) {
                    case 0 -> 0;
                    case 1 -> 1 + c.below(63);
                    default -> c.below(PAGE);
                };
        int bpages =
                (int)
                        Math.min(
                                MAX_SOURCE_PAGES,
                                Math.max(Spans.pages(c), sourcePages(boff, count)));
        Context ctx =
                switch (c.weighted(vmMvcContexts)) {
                    case 0 -> processCtx;
                    case 1 -> Context.interrupt();
                    default -> Context.kernelProcess(); // the process environment too, whichever
                        // space m2 is in
                };
        Call call =
                new Call.VmMvc(
                        ctx,
                        Names.FILE,
                        pno,
                        pgoffs,
                        count,
                        cmd,
                        Names.DESCRIPTOR,
                        Addr.in(Names.BUFFER, boff));

        List<Op> events = new ArrayList<>(2);
        int more = 0;
        while (more < 3) {
            int start = c.startSpan();
            if (c.weighted(MORE_EVENTS) == 0) break;
            switch (c.weighted(vmEvents)) {
                case 0 -> events.add(fault(c, Names.BUFFER, bpages, true, boff, count));
                case 1 ->
                        events.add(
                                new Call.VmMvc(
                                        processCtx,
                                        Names.FILE,
                                        c.below(fpages),
                                        Spans.offset(c, PAGE) % PAGE,
                                        Math.min(PAGE, Spans.count(c, 0, PAGE)),
                                        Call.VM_MVC_READ,
                                        Names.DESCRIPTOR,
                                        Addr.in(Names.BUFFER, 0)));
                case 2 ->
                        events.add(
                                new Call.Xmdetach(
                                        c.below(2) == 0 ? processCtx : interruptOrKernel(),
                                        Names.DESCRIPTOR));
                default ->
                        events.add(
                                new Setup.SetFrame(
                                        Names.FILE,
                                        c.below(3) != 0
                                                ? Math.min(pno, fpages - 1)
                                                : c.below(fpages),
                                        false));
            }
            c.endSpan(start);
            more++;
        }
        List<Op> ops = new ArrayList<>(7 + events.size());
        ops.add(new Setup.CreateFileSegment(Names.FILE, fpages, Names.FILE_SEED));
        ops.add(
                new Setup.MapRegion(
                        Names.BUFFER,
                        kernelBuffer ? Names.KERNEL : Names.PROCESS,
                        bpages,
                        Prot.READ_WRITE,
                        Names.BUFFER_SEED));
        if (pinned) ops.add(new Setup.Pin(Names.BUFFER, 0, bpages));
        ops.add(
                new Call.Xmattach(
                        processCtx,
                        Addr.in(Names.BUFFER, 0),
                        (long) bpages * PAGE,
                        Names.DESCRIPTOR,
                        kernelBuffer ? Call.SYS_ADSPACE : Call.USER_ADSPACE));
        ops.addAll(events);
        ops.add(call);
        return withProcesses(ops);
    }

    private static final int[] BUFFER_SPACES = {1, 1};
    private static final int[] FILE_PAGES = {4, 2, 1};
    private static final int[] PINNED = {25, 1};
    private static final int[] COMMANDS = {4, 4, 2, 2, 1};
    private static final int[] BAD_COMMANDS = {0, 5, -1, 99};
    private static final int[] PNO_KINDS = {12, 1};
    private static final int[] VM_COUNT_KINDS = {3, 1};
    private static final int[] BUFFER_OFFSETS = {6, 2, 2};

    // ---- events and faults ----

    private static final int[] MORE_EVENTS = {5, 4};

    /**
     * Up to three events before the final call, each one span, drawn by {@code weights} over: a
     * fault on {@code object} (0), an earlier call (1), detaching the descriptor (2), deleting the
     * segment of {@code object} (3, or {@code otherFault} when given), attaching again (4). A
     * missing supplier stands for an event the family does not have.
     */
    private List<Op> events(
            Choices c,
            int[] weights,
            String object,
            int pages,
            boolean pinned,
            long from,
            long count,
            Supplier<? extends Op> earlierCall,
            Supplier<? extends Op> detach,
            Supplier<? extends Op> attachAgain,
            Supplier<? extends Op> otherFault) {
        List<Op> events = new ArrayList<>(3);
        boolean holes = false, deleted = false;
        while (events.size() < 3) {
            int start = c.startSpan();
            if (c.weighted(MORE_EVENTS) == 0) break;
            Op e =
                    switch (c.weighted(weights)) {
                        case 0 -> fault(c, object, pages, pinned, from, count);
                        case 1 -> earlierCall == null ? null : earlierCall.get();
                        case 2 -> detach == null ? null : detach.get();
                        case 3 ->
                                otherFault != null
                                        ? otherFault.get()
                                        : new Setup.DeleteSegment(object);
                        default -> attachAgain == null ? null : attachAgain.get();
                    };
            // an unmapped page has no page state, and a segment is deleted once: such events are
            // left out
            if ((e instanceof Setup.SetPageState || e instanceof Setup.DamageLines) && holes
                    || e instanceof Setup.DeleteSegment && deleted) e = null;
            holes |= e instanceof Setup.Unmap;
            deleted |= e instanceof Setup.DeleteSegment;
            if (e != null) events.add(e);
            c.endSpan(start);
        }
        return events;
    }

    /**
     * A fault on the pages of {@code object}, most often the first or last page of {@code [from,
     * from + count)}.
     */
    private Setup fault(
            Choices c, String object, int pages, boolean pinned, long from, long count) {
        long last = from + Math.max(0, count - 1);
        int first =
                switch (c.weighted(FAULT_PAGES)) {
                    case 0 -> Spans.pageOf(from, pages);
                    case 1 -> Spans.pageOf(last, pages);
                    case 2 -> Math.min(pages - 1, Spans.pageOf(from, pages) + 1);
                    default -> (int) c.below(pages);
                };
        int n = c.weighted(FAULT_WIDTHS) == 0 ? 1 : 1 + (int) c.below(pages - first);
        int[] kinds = pinned ? faultKindsPinned : faultKinds;
        return switch (c.weighted(kinds)) {
            case 0 -> new Setup.Protect(object, first, n, Prot.READ);
            case 1 -> new Setup.Protect(object, first, n, Prot.NONE);
            case 2 -> new Setup.Unmap(object, first, n);
            case 3 -> new Setup.SetPageState(object, first, n, PageState.PAGED_OUT);
            case 4 -> new Setup.SetPageState(object, first, n, PageState.PAGING_IO_ERROR);
            case 5 -> new Setup.SetPageState(object, first, n, PageState.HARDWARE_ERROR);
            default -> {
                // An uncorrectable error in a few 64-byte lines, most often inside the range the
                // call touches.
                long line =
                        Math.floorDiv(
                                Math.max(
                                        0,
                                        Math.min(
                                                (long) pages * PAGE - 1,
                                                from + (count <= 0 ? 0 : c.below(count)))),
                                Layout.ADI_LINE);
                long lines = Math.min((long) pages * PAGE / Layout.ADI_LINE - line, 1 + c.below(3));
                yield new Setup.DamageLines(object, line, lines);
            }
        };
    }

    private static final int[] FAULT_PAGES = {4, 4, 1, 2};
    private static final int[] ADI_VERSION_KINDS = {6, 1, 1};
    private static final int[] FAULT_WIDTHS = {6, 1};

    // ---- helpers ----

    private Prot prot(Choices c) {
        return switch (c.weighted(prots)) {
            case 0 -> Prot.READ_WRITE;
            case 1 -> Prot.READ;
            default -> Prot.NONE;
        };
    }

    /**
     * Enough source pages for {@code count} bytes from {@code offset}, at least one and at most
     * five.
     */
    private static int sourcePages(long offset, long count) {
        long end =
                Math.max(0, offset) + Math.max(0, Math.min(count, (long) MAX_SOURCE_PAGES * PAGE));
        return (int) Math.max(1, Math.min(MAX_SOURCE_PAGES, (end + PAGE - 1) / PAGE));
    }

    /** {@code ops} after the creation of each process they run in or map memory in. */
    private static List<Op> withProcesses(List<Op> ops) {
        boolean p = false, q = false;
        for (Op op : ops) {
            String name =
                    switch (op) {
                        case Call call when call.context() instanceof Context.Process proc ->
                                proc.process();
                        case Setup.MapRegion r -> r.space();
                        case Setup.MapRegionBelowUserBlock r -> r.process();
                        case Setup.MapRegionAcrossSegments r -> r.space();
                        default -> null;
                    };
            p |= Names.PROCESS.equals(name);
            q |= Names.OTHER_PROCESS.equals(name);
        }
        if (!p && !q) return ops;
        List<Op> out = new ArrayList<>(ops.size() + 2);
        if (p) out.add(new Setup.CreateProcess(Names.PROCESS));
        if (q) out.add(new Setup.CreateProcess(Names.OTHER_PROCESS));
        out.addAll(ops);
        return out;
    }

    /** Source pages a copy call needs (1 for calls without a source in region k). */
    private static int sourcePagesOf(Call call) {
        return switch (call) {
            case Call.Xmemout x when x.kaddr() instanceof Addr.In in ->
                    sourcePages(in.offset(), x.count());
            case Call.Copyout x when x.driverbuf() instanceof Addr.In in ->
                    sourcePages(in.offset(), x.cn());
            case Call.DdiCopyout x when x.driverbuf() instanceof Addr.In in ->
                    sourcePages(in.offset(), x.cn());
            case Call.XxIoctl x when x.regs() instanceof Addr.In in ->
                    sourcePages(in.offset(), Call.DEVICE_REGS_SIZE);
            default -> 1;
        };
    }

    private boolean has(Capability cap) {
        return caps.supported().contains(cap);
    }

    private int w(Capability cap, int weight) {
        return has(cap) ? weight : 0;
    }

    private static int sum(int[] weights) {
        int s = 0;
        for (int x : weights) s += x;
        return s;
    }
}
