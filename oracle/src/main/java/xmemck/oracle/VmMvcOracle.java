package xmemck.oracle;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import xmemck.ops.Addr;
import xmemck.ops.Call;
import xmemck.ops.Context;
import xmemck.ops.Names;
import xmemck.ops.PageState;
import xmemck.ops.Prot;

/**
 * AIX vm_mvc: reads or writes part of one file page. m1 is file page (sid, pno) at byte pgoffs; m2
 * is the buffer at ptr that a cross-memory descriptor describes ("ein Benutzer- oder Kernelpuffer",
 * which "muss fixiert werden").
 *
 * <p>vm_mvc Kernel-Service, Rückgabewerte (Return Values): 0; ENOENT when (sid, pno) is not
 * associated with a real frame; EINVAL when m1 crosses the page boundary or the command is not
 * valid. Ausführungsumgebung: process environment only.
 */
final class VmMvcOracle {

    private static final int PAGE = MemObject.PAGE;
    private static final String M2_PINNED = "vm_mvc.m2-pinned";
    private static final String M2_BUFFER = "vm_mvc.caller.m2-buffer";
    private final World world;

    VmMvcOracle(World world) {
        this.world = world;
    }

    Expectation vmMvc(Call.VmMvc v) {
        Context ctx = world.context(v, v.context());
        if (ctx instanceof Context.Interrupt) {
            return Outcomes.outside(
                    "vm_mvc.env.process-only",
                    "vm_mvc may be called from the process environment only");
        }
        MemObject m1 = world.object(v, v.sid());
        if (!m1.isFileSegment())
            throw new WorldError(
                    v,
                    v.sid()
                            + " is a region, not a file segment (vm_mvc's sid names a file segment)");

        boolean validCmd =
                v.cmd() == Call.VM_MVC_ZERO
                        || v.cmd() == Call.VM_MVC_READ
                        || v.cmd() == Call.VM_MVC_WRITE
                        || v.cmd() == Call.VM_MVC_PROTZERO;
        long n = Math.max(v.count(), 0);
        long m1Offset = v.pno() * PAGE + v.pgoffs();
        Addr.In ptr =
                v.ptr() instanceof Addr.In in && world.objectOrNull(in.object()) != null
                        ? in
                        : null;
        MemObject m2 = ptr == null ? null : world.object(v, ptr.object());

        // The documented errors are about the arguments (m1 and the command), found before any byte
        // moves, whatever
        // the count: they come before the obligations on m2, which concern the bytes a valid call
        // moves.
        boolean noFrame = v.pno() < 0 || v.pno() >= m1.pages || !m1.hasFrame(v.pno());
        // An empty range at the page's end crosses nothing: pgoffs == PAGE with count 0 is left to
        // the count rule.
        boolean crosses = v.pgoffs() < 0 || v.pgoffs() > PAGE || (n > 0 && n > PAGE - v.pgoffs());
        List<Effect> untouched = untouched(m1, m1Offset, m2, ptr, n);
        List<Alternative> errors = new ArrayList<>(2);
        String enoentWhy = "(" + v.sid() + ", " + v.pno() + ") is not associated with a real frame";
        if (noFrame)
            errors.add(
                    Outcomes.alt(
                            Call.ENOENT,
                            untouched,
                            List.of("vm_mvc.enoent"),
                            "ENOENT: " + enoentWhy));
        if (!validCmd || crosses) {
            List<String> c = new ArrayList<>(2);
            if (!validCmd) c.add("vm_mvc.einval.cmd");
            if (crosses) c.add("vm_mvc.einval.boundary");
            errors.add(
                    Outcomes.alt(
                            Call.EINVAL,
                            untouched,
                            c,
                            "EINVAL: "
                                    + (!validCmd
                                            ? "command " + v.cmd() + " is not valid"
                                            : "m1 ["
                                                    + v.pgoffs()
                                                    + ", "
                                                    + (v.pgoffs() + n)
                                                    + ") crosses the page boundary")));
        }
        if (!errors.isEmpty()) {
            // The page names no winner when both ENOENT and EINVAL hold: both are allowed.
            List<Question> q =
                    errors.size() > 1
                            ? List.of(Questions.precedence("vm_mvc", "ENOENT and EINVAL"))
                            : List.of();
            return new Expectation.Allowed(errors, q);
        }

        Expectation.OutsideContract o = m2Obligations(v, n);
        if (o != null) return o;

        if (v.count() <= 0) {
            // Count 0 or less (the page does not say; in_count is an int) moves nothing: 0 or
            // EINVAL, nothing touched.
            List<String> c = List.of("vm_mvc.count.nonpositive");
            return new Expectation.Allowed(
                    List.of(
                            Outcomes.alt(0, untouched, c, "0, nothing moved"),
                            Outcomes.alt(Call.EINVAL, untouched, c, "EINVAL, nothing moved")),
                    List.of(Questions.countNonPositive("vm_mvc", v.count())));
        }

        List<String> tags = new ArrayList<>(2);
        if (v.pgoffs() != 0 || n != PAGE) tags.add("vm_mvc.partial-page");
        if (Names.KERNEL.equals(m2.space)) tags.add("vm_mvc.kernel-buffer");
        if (ctx instanceof Context.KernelProcess) tags.add("vm_mvc.env.kernel-process");
        return switch (v.cmd()) {
            case Call.VM_MVC_ZERO ->
                    Outcomes.one(
                            Outcomes.alt(
                                    0,
                                    List.of(Outcomes.exact(m1.name, m1Offset, n, new Data.Zeros())),
                                    Outcomes.concat("vm_mvc.zero", tags),
                                    "0: " + n + " bytes of m1 zeroed"));
            // "Mit Nullen überschreiben und das m1-Objekt schützen": any protection that no longer
            // allows writes.
            case Call.VM_MVC_PROTZERO ->
                    new Expectation.Allowed(
                            List.of(
                                    Outcomes.alt(
                                            0,
                                            List.of(
                                                    Outcomes.exact(
                                                            m1.name, m1Offset, n, new Data.Zeros()),
                                                    new Effect.Protect(
                                                            m1.name,
                                                            v.pno(),
                                                            Set.of(Prot.READ, Prot.NONE))),
                                            Outcomes.concat("vm_mvc.protzero", tags),
                                            "0: "
                                                    + n
                                                    + " bytes of m1 zeroed and the page protected against writes")),
                            List.of(Questions.protzeroProtection("vm_mvc")));
            case Call.VM_MVC_READ ->
                    Outcomes.one(
                            Outcomes.alt(
                                    0,
                                    List.of(
                                            Outcomes.exact(
                                                    m2.name,
                                                    ptr.offset(),
                                                    n,
                                                    new Data.CopyOf(m1.name, m1Offset))),
                                    Outcomes.concat("vm_mvc.read", tags),
                                    "0: " + n + " bytes copied from m1 to m2"));
            default ->
                    Outcomes.one(
                            Outcomes.alt(
                                    0,
                                    List.of(
                                            Outcomes.exact(
                                                    m1.name,
                                                    m1Offset,
                                                    n,
                                                    new Data.CopyOf(m2.name, ptr.offset()))),
                                    Outcomes.concat("vm_mvc.write", tags),
                                    "0: " + n + " bytes copied from m2 to m1"));
        };
    }

    /**
     * For every command (the note "Das zweite Speicherobjekt muss fixiert werden" is
     * unconditional): m2 is a pinned buffer ({@code vm_mvc.m2-pinned}), described by an attached
     * descriptor and usable in the copy's direction ({@code vm_mvc.caller.m2-buffer}; the page
     * lists no error for a buffer the move cannot use).
     */
    private Expectation.OutsideContract m2Obligations(Call.VmMvc v, long n) {
        if (!(v.ptr() instanceof Addr.In in))
            return Outcomes.outside(
                    M2_PINNED, "m2 is the " + v.ptr().describe() + ", not a pinned buffer");
        MemObject m2 = world.object(v, in.object());
        Expectation.OutsideContract within = Obligations.withinObject(m2, in.offset(), n, "m2");
        if (within != null) return within;
        for (long p = n == 0 ? 0 : MemObject.pageOf(in.offset());
                n > 0 && p <= MemObject.pageOf(in.offset() + n - 1);
                p++) {
            if (!m2.pinned(p))
                return Outcomes.outside(
                        M2_PINNED, "m2 page " + p + " of " + m2.name + " is not pinned");
        }
        Descriptor d = world.descriptor(v.dp());
        if (d == null)
            return Outcomes.outside(
                    M2_BUFFER, "descriptor " + v.dp() + " is not attached, so it describes no m2");
        if (!d.covers(in.object(), in.offset(), n)) {
            return Outcomes.outside(
                    M2_BUFFER,
                    "m2 ["
                            + in.describe()
                            + ", +"
                            + n
                            + ") is not inside the range "
                            + d.object()
                            + "["
                            + d.offset()
                            + ", "
                            + (d.offset() + d.count())
                            + ") that "
                            + d.name()
                            + " describes");
        }
        if (m2.segmentDeleted())
            return Outcomes.outside(M2_BUFFER, "the segment of m2 (" + m2.name + ") was deleted");
        boolean read =
                v.cmd() == Call.VM_MVC_READ; // READ stores into m2; WRITE loads from it; ZERO and
        // PROTZERO do neither
        boolean write = v.cmd() == Call.VM_MVC_WRITE;
        for (long p = n == 0 ? 0 : MemObject.pageOf(in.offset());
                n > 0 && (read || write) && p <= MemObject.pageOf(in.offset() + n - 1);
                p++) {
            String why = null;
            if (read ? !m2.prot(p).writable() : !m2.prot(p).readable())
                why = "is not " + (read ? "writable" : "readable");
            else if (m2.state(p) == PageState.HARDWARE_ERROR)
                why = "has an uncorrectable hardware error";
            if (why != null)
                return Outcomes.outside(M2_BUFFER, "m2 page " + p + " of " + m2.name + " " + why);
        }
        return null;
    }

    /**
     * For a call that must leave memory alone: the m1 range and the m2 range, so that both are
     * observed.
     */
    private static List<Effect> untouched(
            MemObject m1, long m1Offset, MemObject m2, Addr.In ptr, long n) {
        List<Effect> out = new ArrayList<>(2);
        if (m1.within(m1Offset, n))
            out.add(Outcomes.untouched(m1.name, m1Offset, n, new Data.Zeros()));
        if (m2 != null && m2.within(ptr.offset(), n))
            out.add(
                    Outcomes.untouched(
                            m2.name, ptr.offset(), n, new Data.CopyOf(m1.name, m1Offset)));
        return out;
    }
}
