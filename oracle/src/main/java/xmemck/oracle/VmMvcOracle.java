package xmemck.oracle;

import java.util.ArrayList;
import java.util.List;
import xmemck.ops.Addr;
import xmemck.ops.Call;
import xmemck.ops.Context;
import xmemck.ops.Op;
import xmemck.ops.PageState;
import xmemck.ops.Prot;

/**
 * AIX vm_mvc (seed 002): reads or writes part of one file page. m1 is file page (sid, pno) at byte pgoffs;
 * m2 is the pinned buffer at ptr described by a cross-memory descriptor. Returns 0, ENOENT (no real frame)
 * or EINVAL (m1 crosses the page boundary, or an invalid command).
 */
final class VmMvcOracle {

    private static final int PAGE = MemObject.PAGE;
    private final World world;

    VmMvcOracle(World world) { this.world = world; }

    Expectation vmMvc(Call.VmMvc v) {
        Context ctx = world.context(v, v.context());
        if (ctx instanceof Context.Interrupt) {
            return Outcomes.outside("vm_mvc.env.process-only", "vm_mvc may be called from the process environment only");
        }
        MemObject m1 = world.object(v, v.sid());
        if (!m1.isFileSegment()) throw new WorldError(v, v.sid() + " is a region, not a file segment (vm_mvc's sid names a file segment)");

        boolean validCmd = v.cmd() == Call.VM_MVC_ZERO || v.cmd() == Call.VM_MVC_READ || v.cmd() == Call.VM_MVC_WRITE || v.cmd() == Call.VM_MVC_PROTZERO;
        boolean usesM2 = v.cmd() == Call.VM_MVC_READ || v.cmd() == Call.VM_MVC_WRITE;
        long n = Math.max(v.count(), 0);

        // Caller obligations on m2 (only the copying commands touch it).
        MemObject m2 = null;
        long m2Offset = 0;
        if (usesM2) {
            Expectation.OutsideContract o = m2Obligations(v, n);
            if (o != null) return o;
            Addr.In in = (Addr.In) v.ptr();
            m2 = world.object(v, in.object());
            m2Offset = in.offset();
        }

        // Error conditions, each found before any byte is touched.
        boolean noFrame = v.pno() < 0 || v.pno() >= m1.pages || !m1.hasFrame(v.pno());
        boolean crosses = v.pgoffs() < 0 || v.pgoffs() >= PAGE || n > PAGE - v.pgoffs();
        long m1Offset = v.pno() * PAGE + v.pgoffs();
        List<Effect> untouched = untouched(v, m1, m1Offset, m2, m2Offset, n);
        List<Alternative> errors = new ArrayList<>(2);
        String enoent = "vm_mvc.enoent";
        String enoentWhy = "(" + v.sid() + ", " + v.pno() + ") is not associated with a real frame";
        if (noFrame && (!validCmd || crosses || v.count() > 0)) {
            errors.add(Outcomes.alt(Call.ENOENT, untouched, List.of(enoent), "ENOENT: " + enoentWhy));
        }
        if (!validCmd || crosses) {
            List<String> c = new ArrayList<>(2);
            if (!validCmd) c.add("vm_mvc.einval.cmd");
            if (crosses) c.add("vm_mvc.einval.boundary");
            errors.add(Outcomes.alt(Call.EINVAL, untouched, c, "EINVAL: "
                    + (!validCmd ? "command " + v.cmd() + " is not valid" : "m1 [" + v.pgoffs() + ", " + (v.pgoffs() + n) + ") crosses the page boundary")));
        }
        if (!errors.isEmpty()) {
            // The page names no winner when both ENOENT and EINVAL hold: both are allowed.
            List<Question> q = errors.size() > 1 ? List.of(Questions.precedence("vm_mvc", "ENOENT and EINVAL")) : List.of();
            return new Expectation.Allowed(errors, q);
        }
        if (v.count() <= 0) {
            // Count 0 or less (undocumented) touches no byte: 0 or EINVAL, nothing moved, and ENOENT too when the
            // page has no frame, since an implementation may look at the count before or after the page. The
            // argument checks above (command, page boundary) are not about memory and still decide alone.
            List<String> c = List.of("vm_mvc.count.nonpositive");
            List<Alternative> alts = new ArrayList<>(3);
            alts.add(Outcomes.alt(0, untouched, c, "0, nothing moved"));
            alts.add(Outcomes.alt(Call.EINVAL, untouched, c, "EINVAL, nothing moved"));
            if (noFrame) alts.add(Outcomes.alt(Call.ENOENT, untouched, Outcomes.concat(c.get(0), List.of(enoent)), "ENOENT, nothing moved: " + enoentWhy));
            return new Expectation.Allowed(alts, List.of(Questions.countNonPositive("vm_mvc", v.count())));
        }

        List<String> tags = new ArrayList<>(2);
        if (v.pgoffs() != 0 || n != PAGE) tags.add("vm_mvc.partial-page");
        return Outcomes.one(switch (v.cmd()) {
            case Call.VM_MVC_ZERO -> Outcomes.alt(0, List.of(Outcomes.exact(m1.name, m1Offset, n, new Data.Zeros())),
                    Outcomes.concat("vm_mvc.zero", tags), "0: " + n + " bytes of m1 zeroed");
            case Call.VM_MVC_PROTZERO -> Outcomes.alt(0, List.of(Outcomes.exact(m1.name, m1Offset, n, new Data.Zeros()),
                            new Effect.Protect(m1.name, v.pno(), Prot.READ)),
                    Outcomes.concat("vm_mvc.protzero", tags), "0: " + n + " bytes of m1 zeroed and the page made read-only");
            case Call.VM_MVC_READ -> Outcomes.alt(0, List.of(Outcomes.exact(m2.name, m2Offset, n, new Data.CopyOf(m1.name, m1Offset))),
                    Outcomes.concat("vm_mvc.read", tags), "0: " + n + " bytes copied from m1 to m2");
            default -> Outcomes.alt(0, List.of(Outcomes.exact(m1.name, m1Offset, n, new Data.CopyOf(m2.name, m2Offset))),
                    Outcomes.concat("vm_mvc.write", tags), "0: " + n + " bytes copied from m2 to m1");
        });
    }

    /** m2 must be a buffer the descriptor describes, usable in the command's direction, and pinned. */
    private Expectation.OutsideContract m2Obligations(Call.VmMvc v, long n) {
        String clause = "vm_mvc.caller.m2-buffer";
        Descriptor d = world.descriptor(v.dp());
        if (d == null) return Outcomes.outside(clause, "descriptor " + v.dp() + " is not attached");
        if (!(v.ptr() instanceof Addr.In in)) return Outcomes.outside(clause, "m2 is the " + v.ptr().describe() + ", not a buffer");
        MemObject m2 = world.object(v, in.object());
        if (!d.covers(in.object(), in.offset(), n)) {
            return Outcomes.outside(clause, "m2 [" + in.describe() + ", +" + n + ") is not inside the range " + d.object() + "["
                    + d.offset() + ", " + (d.offset() + d.count()) + ") that " + d.name() + " describes");
        }
        if (m2.segmentDeleted()) return Outcomes.outside(clause, "the segment of m2 (" + m2.name + ") was deleted");
        boolean read = v.cmd() == Call.VM_MVC_READ;  // READ stores into m2; WRITE loads from it
        for (long p = n == 0 ? 0 : MemObject.pageOf(in.offset()); n > 0 && p <= MemObject.pageOf(in.offset() + n - 1); p++) {
            String why = null;
            if (m2.hole(p)) why = "is unmapped";
            else if (read ? !m2.prot(p).writable() : !m2.prot(p).readable()) why = "is not " + (read ? "writable" : "readable");
            else if (m2.state(p) == PageState.PAGING_IO_ERROR || m2.state(p) == PageState.HARDWARE_ERROR) why = "is in state " + m2.state(p);
            if (why != null) return Outcomes.outside(clause, "m2 page " + p + " of " + m2.name + " " + why);
        }
        for (long p = n == 0 ? 0 : MemObject.pageOf(in.offset()); n > 0 && p <= MemObject.pageOf(in.offset() + n - 1); p++) {
            if (!m2.pinned(p)) return Outcomes.outside("vm_mvc.m2-pinned", "m2 page " + p + " of " + m2.name + " is not pinned");
        }
        return null;
    }

    /** For a call that must leave memory alone: the m1 range and (for copies) the m2 range, so they get observed. */
    private static List<Effect> untouched(Op v, MemObject m1, long m1Offset, MemObject m2, long m2Offset, long n) {
        List<Effect> out = new ArrayList<>(2);
        if (m1.within(m1Offset, n)) out.add(Outcomes.untouched(m1.name, m1Offset, n, new Data.Zeros()));
        if (m2 != null) out.add(Outcomes.untouched(m2.name, m2Offset, n, new Data.CopyOf(m1.name, m1Offset)));
        return out;
    }
}
