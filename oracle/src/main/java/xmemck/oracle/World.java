package xmemck.oracle;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import xmemck.ops.Addr;
import xmemck.ops.Context;
import xmemck.ops.Layout;
import xmemck.ops.Names;
import xmemck.ops.Op;
import xmemck.ops.PageState;
import xmemck.ops.Prot;
import xmemck.ops.Setup;

/**
 * The state the services act on: processes, objects (regions and file segments) and attached
 * descriptors. Setup ops change it directly; calls change it only through {@link Effects#apply}.
 * Every ill-formed op is a {@link WorldError} naming the op and the problem.
 */
final class World {

    private final Set<String> processes = new HashSet<>();
    private final Map<String, MemObject> objects = new HashMap<>();
    private final Map<String, Descriptor> descriptors = new HashMap<>();

    // ---- lookups used by the service oracles ----

    MemObject object(Op op, String name) {
        MemObject o = objects.get(name);
        if (o == null) throw new WorldError(op, "unknown object \"" + name + "\"" + known());
        return o;
    }

    MemObject objectOrNull(String name) {
        return objects.get(name);
    }

    Descriptor descriptor(String dp) {
        return descriptors.get(dp);
    }

    void attach(Descriptor d) {
        descriptors.put(d.name(), d);
    }

    void detach(String dp) {
        descriptors.remove(dp);
    }

    /** Checks that the process a context names exists. */
    Context context(Op op, Context ctx) {
        if (ctx instanceof Context.Process p && !processes.contains(p.process())) {
            throw new WorldError(op, "unknown process \"" + p.process() + "\"; create it first");
        }
        return ctx;
    }

    /**
     * The object an {@link Addr.In} names (a {@link WorldError} if there is none), or null for a
     * special address.
     */
    MemObject objectOf(Op op, Addr addr) {
        return addr instanceof Addr.In in ? object(op, in.object()) : null;
    }

    private String known() {
        return objects.isEmpty()
                ? "; no objects exist yet"
                : "; known objects: "
                        + String.join(", ", new java.util.TreeSet<>(objects.keySet()));
    }

    // ---- setup ----

    void apply(Setup op) {
        switch (op) {
            case Setup.CreateProcess p -> {
                if (!processes.add(p.name()))
                    throw new WorldError(op, "process \"" + p.name() + "\" already exists");
            }
            case Setup.MapRegion r -> {
                if (!Names.KERNEL.equals(r.space()) && !processes.contains(r.space())) {
                    throw new WorldError(
                            op,
                            "unknown space \""
                                    + r.space()
                                    + "\": use \"kernel\" or a process created before");
                }
                add(
                        op,
                        new MemObject(
                                r.name(),
                                MemObject.Kind.REGION,
                                r.space(),
                                r.pages(),
                                r.prot(),
                                r.seed()));
            }
            case Setup.MapRegionBelowUserBlock r -> {
                if (!processes.contains(r.process()))
                    throw new WorldError(
                            op, "unknown process \"" + r.process() + "\": create it first");
                for (MemObject o : objects.values()) {
                    if (o.belowUserBlock() && o.space.equals(r.process()))
                        throw new WorldError(
                                op,
                                "region "
                                        + o.name
                                        + " already lies below the user block of "
                                        + r.process());
                }
                MemObject o =
                        new MemObject(
                                r.name(),
                                MemObject.Kind.REGION,
                                r.process(),
                                r.pages(),
                                r.prot(),
                                r.seed());
                o.placeBelowUserBlock();
                add(op, o);
            }
            case Setup.MapRegionAcrossSegments r -> {
                if (!Names.KERNEL.equals(r.space()) && !processes.contains(r.space())) {
                    throw new WorldError(
                            op,
                            "unknown space \""
                                    + r.space()
                                    + "\": use \"kernel\" or a process created before");
                }
                MemObject o =
                        new MemObject(
                                r.name(),
                                MemObject.Kind.REGION,
                                r.space(),
                                r.pages(),
                                r.prot(),
                                r.seed());
                o.crossSegmentsAt(r.boundaryPage());
                add(op, o);
            }
            case Setup.CreateFileSegment f ->
                    add(
                            op,
                            new MemObject(
                                    f.sid(),
                                    MemObject.Kind.FILE_SEGMENT,
                                    Names.KERNEL,
                                    f.pages(),
                                    Prot.READ_WRITE,
                                    f.seed()));
            case Setup.SetFrame f -> {
                MemObject o = fileSegment(op, f.sid());
                if (f.pno() < 0 || f.pno() >= o.pages) {
                    throw new WorldError(
                            op,
                            "page "
                                    + f.pno()
                                    + " is beyond file segment "
                                    + o.name
                                    + " (pages 0.."
                                    + (o.pages - 1)
                                    + ")");
                }
                o.setFrame(f.pno(), f.hasFrame());
            }
            case Setup.Protect p -> {
                MemObject o = pages(op, p.object(), p.firstPage(), p.pages());
                for (long i = p.firstPage(); i < p.firstPage() + p.pages(); i++)
                    o.setProt(i, p.prot());
            }
            case Setup.Unmap u -> {
                MemObject o = region(op, u.object());
                pages(op, u.object(), u.firstPage(), u.pages());
                for (long i = u.firstPage(); i < u.firstPage() + u.pages(); i++) {
                    o.setHole(i, true);
                    o.setPinned(i, false);
                    o.setState(i, PageState.RESIDENT);
                }
                o.damageLines(
                        (long) u.firstPage() * MemObject.LINES_PER_PAGE,
                        (long) u.pages() * MemObject.LINES_PER_PAGE,
                        false);
            }
            case Setup.SetPageState s -> {
                MemObject o = region(op, s.object());
                pages(op, s.object(), s.firstPage(), s.pages());
                for (long i = s.firstPage(); i < s.firstPage() + s.pages(); i++) {
                    if (o.hole(i))
                        throw new WorldError(
                                op,
                                "page "
                                        + i
                                        + " of "
                                        + o.name
                                        + " is unmapped; it has no page state");
                    if (o.pinned(i)
                            && s.state() != PageState.RESIDENT
                            && s.state() != PageState.HARDWARE_ERROR) {
                        throw new WorldError(
                                op,
                                "page "
                                        + i
                                        + " of "
                                        + o.name
                                        + " is pinned and cannot be "
                                        + s.state());
                    }
                }
                for (long i = s.firstPage(); i < s.firstPage() + s.pages(); i++)
                    o.setState(i, s.state());
                // HARDWARE_ERROR damages every line of the pages; any other state repairs them
                o.damageLines(
                        s.firstPage() * MemObject.LINES_PER_PAGE,
                        (long) s.pages() * MemObject.LINES_PER_PAGE,
                        s.state() == PageState.HARDWARE_ERROR);
            }
            case Setup.DamageLines d -> {
                MemObject o = region(op, d.object());
                long total = o.size / Layout.ADI_LINE;
                if (d.firstLine() >= total || d.lines() > total - d.firstLine()) {
                    throw new WorldError(
                            op,
                            "lines "
                                    + d.firstLine()
                                    + ".."
                                    + (d.firstLine() + d.lines() - 1)
                                    + " are beyond "
                                    + o.name
                                    + " (lines 0.."
                                    + (total - 1)
                                    + ")");
                }
                long firstPage = d.firstLine() / MemObject.LINES_PER_PAGE,
                        lastPage = (d.firstLine() + d.lines() - 1) / MemObject.LINES_PER_PAGE;
                for (long i = firstPage; i <= lastPage; i++) {
                    if (o.hole(i))
                        throw new WorldError(
                                op,
                                "page "
                                        + i
                                        + " of "
                                        + o.name
                                        + " is unmapped; it has no memory to damage");
                }
                for (long i = firstPage; i <= lastPage; i++) {
                    if (o.state(i) != PageState.HARDWARE_ERROR) {
                        o.damageLines(
                                i * MemObject.LINES_PER_PAGE, MemObject.LINES_PER_PAGE, false);
                        o.setState(i, PageState.HARDWARE_ERROR);
                    }
                }
                o.damageLines(d.firstLine(), d.lines(), true);
            }
            case Setup.Pin p -> {
                MemObject o = region(op, p.object());
                pages(op, p.object(), p.firstPage(), p.pages());
                for (long i = p.firstPage(); i < p.firstPage() + p.pages(); i++) {
                    if (o.hole(i))
                        throw new WorldError(
                                op,
                                "page "
                                        + i
                                        + " of "
                                        + o.name
                                        + " is unmapped and cannot be pinned");
                    if (o.state(i) == PageState.PAGING_IO_ERROR)
                        throw new WorldError(
                                op,
                                "page "
                                        + i
                                        + " of "
                                        + o.name
                                        + " cannot be brought in (paging I/O error) and so cannot be pinned");
                }
                for (long i = p.firstPage(); i < p.firstPage() + p.pages(); i++) {
                    o.setPinned(i, true);
                    if (o.state(i) == PageState.PAGED_OUT)
                        o.setState(i, PageState.RESIDENT); // pinning brings the page in
                }
            }
            case Setup.SetAdiVersion a -> {
                MemObject o = region(op, a.object());
                if (a.firstLine() > o.adiLines() || a.lines() > o.adiLines() - a.firstLine()) {
                    throw new WorldError(
                            op,
                            "lines "
                                    + a.firstLine()
                                    + ".."
                                    + (a.firstLine() + a.lines() - 1)
                                    + " are beyond "
                                    + o.name
                                    + " (lines 0.."
                                    + (o.adiLines() - 1)
                                    + ")");
                }
                o.setAdi(a.firstLine(), a.lines(), a.version());
            }
            case Setup.DeleteSegment d -> {
                MemObject o = region(op, d.object());
                if (o.segmentDeleted())
                    throw new WorldError(op, "the segment of " + o.name + " is already deleted");
                o.deleteSegment();
            }
        }
    }

    private void add(Op op, MemObject o) {
        if (objects.containsKey(o.name))
            throw new WorldError(op, "an object named \"" + o.name + "\" already exists");
        objects.put(o.name, o);
    }

    private MemObject region(Op op, String name) {
        MemObject o = object(op, name);
        if (o.isFileSegment())
            throw new WorldError(op, o.name + " is a file segment; this applies to regions only");
        return o;
    }

    private MemObject fileSegment(Op op, String name) {
        MemObject o = object(op, name);
        if (!o.isFileSegment())
            throw new WorldError(op, o.name + " is a region, not a file segment");
        return o;
    }

    private MemObject pages(Op op, String name, long first, long count) {
        MemObject o = object(op, name);
        if (first + count > o.pages) {
            throw new WorldError(
                    op,
                    "pages "
                            + first
                            + ".."
                            + (first + count - 1)
                            + " are beyond "
                            + o.describe()
                            + " (pages 0.."
                            + (o.pages - 1)
                            + ")");
        }
        return o;
    }
}
