package xmemck.fuzz;

import java.util.List;
import xmemck.ops.Addr;
import xmemck.ops.Call;
import xmemck.ops.Context;
import xmemck.ops.Observe;
import xmemck.ops.Op;
import xmemck.ops.PageState;
import xmemck.ops.Prot;
import xmemck.ops.Setup;

/**
 * Writes a counterexample as a Gherkin feature that the normal Cucumber run replays: one step per
 * operation, in the feature vocabulary of the runner's glue ({@code xmemck.glue.WorldSteps}, {@code
 * CallSteps}, {@code ClaimSteps}), and after each call the claim that its outcome is allowed by the
 * documentation, which reports the harness's verdict for it.
 *
 * <p>{@link #sentence} is the one place that maps an operation to words; keep it in step with the
 * glue.
 */
public final class GherkinWriter {
    private GherkinWriter() {}

    /**
     * The claim written after every call: the scenario fails exactly when the session's verdict is
     * FAIL.
     */
    public static final String CONFORMS = "the outcome is allowed by the documentation";

    /**
     * What the header of a counterexample says about where it came from. {@code fault} is the
     * seeded fault the implementation ran with (null for none); {@code viaCommand} whether the
     * implementation was a command line (then the same {@code --sut} is needed to search again; it
     * is not written, being a path of the machine).
     */
    public record Origin(
            String adapter,
            String fault,
            boolean viaCommand,
            long seed,
            long caseIndex,
            String signature,
            String clause,
            int originalOps,
            String choices) {}

    /**
     * The whole feature: a header naming the adapter, seed and case, tags ({@code @fuzz}, and
     * {@code @clause:ID} when {@code clauseTag} is a catalogue clause), and one scenario.
     */
    public static String feature(Origin origin, List<Op> ops, String clauseTag) {
        StringBuilder sb = new StringBuilder();
        sb.append("# A counterexample found by differential fuzzing, shrunk from ")
                .append(origin.originalOps())
                .append(" to ")
                .append(ops.size())
                .append(" operations.\n");
        sb.append("# adapter: ").append(origin.adapter()).append('\n');
        sb.append("# seed: ")
                .append(origin.seed())
                .append("  case: ")
                .append(origin.caseIndex())
                .append('\n');
        sb.append("# failure: ").append(origin.signature()).append('\n');
        if (origin.fault() != null)
            sb.append("# seeded fault: ").append(origin.fault()).append('\n');
        sb.append("# find it again: ./ck fuzz --adapter ")
                .append(origin.adapter())
                .append(origin.fault() != null ? " --fault " + origin.fault() : "")
                .append(" --seed ")
                .append(origin.seed())
                .append(" --case ")
                .append(origin.caseIndex())
                .append(origin.viaCommand() ? " (with the same --sut)" : "")
                .append('\n');
        if (origin.choices() != null && !origin.choices().isEmpty())
            sb.append("# choices of the shrunk case, before the domain passes: ")
                    .append(origin.choices())
                    .append('\n');
        sb.append("@fuzz");
        if (clauseTag != null) sb.append(" @clause:").append(clauseTag);
        sb.append('\n');
        sb.append("Feature: Fuzz counterexample: ").append(origin.signature()).append("\n\n");
        sb.append("  Scenario: ")
                .append(origin.clause())
                .append(" (adapter ")
                .append(origin.adapter())
                .append(", seed ")
                .append(origin.seed())
                .append(", case ")
                .append(origin.caseIndex())
                .append(")\n");
        for (String line : steps(ops)) sb.append("    ").append(line).append('\n');
        return sb.toString();
    }

    /** The scenario's steps, with their keywords. */
    public static List<String> steps(List<Op> ops) {
        java.util.ArrayList<String> out = new java.util.ArrayList<>();
        String previous = "";
        for (Op op : ops) {
            String keyword =
                    switch (op) {
                        case Setup s -> "Given";
                        case Call c -> "When";
                        case Observe o -> "When";
                    };
            out.add((keyword.equals(previous) ? "And" : keyword) + " " + sentence(op));
            previous = keyword;
            if (op instanceof Call || op instanceof Observe) {
                out.add("Then " + CONFORMS);
                previous = "Then";
            }
        }
        return out;
    }

    /** The step sentence (without keyword) for one operation. */
    public static String sentence(Op op) {
        return switch (op) {
            case Setup.CreateProcess p -> "a user process " + p.name();
            case Setup.MapRegion r ->
                    "a region "
                            + r.name()
                            + " of "
                            + pages(r.pages())
                            + " in "
                            + r.space()
                            + " with protection "
                            + prot(r.prot())
                            + " and fill seed "
                            + r.seed();
            case Setup.MapRegionBelowUserBlock r ->
                    "a region "
                            + r.name()
                            + " of "
                            + pages(r.pages())
                            + " in "
                            + r.process()
                            + " just below its user block with protection "
                            + prot(r.prot())
                            + " and fill seed "
                            + r.seed();
            case Setup.MapRegionAcrossSegments r ->
                    "a region "
                            + r.name()
                            + " of "
                            + pages(r.pages())
                            + " in "
                            + r.space()
                            + " across a segment boundary at page "
                            + r.boundaryPage()
                            + " with protection "
                            + prot(r.prot())
                            + " and fill seed "
                            + r.seed();
            case Setup.DamageLines d ->
                    d.lines() == 1
                            ? "line "
                                    + d.firstLine()
                                    + " of "
                                    + d.object()
                                    + " has an uncorrectable hardware error"
                            : "lines "
                                    + d.firstLine()
                                    + " to "
                                    + (d.firstLine() + d.lines() - 1)
                                    + " of "
                                    + d.object()
                                    + " have an uncorrectable hardware error";
            case Setup.CreateFileSegment f ->
                    "a file segment "
                            + f.sid()
                            + " of "
                            + pages(f.pages())
                            + " with fill seed "
                            + f.seed();
            case Setup.SetFrame f ->
                    "file page "
                            + f.pno()
                            + " of "
                            + f.sid()
                            + (f.hasFrame() ? " has a real frame" : " has no real frame");
            case Setup.Protect p ->
                    pageRange(p.object(), p.firstPage(), p.pages()) + prot(p.prot());
            case Setup.Unmap u -> pageRange(u.object(), u.firstPage(), u.pages()) + "unmapped";
            case Setup.SetPageState s ->
                    pageRange(s.object(), s.firstPage(), s.pages()) + state(s.state());
            case Setup.Pin p -> pageRange(p.object(), p.firstPage(), p.pages()) + "pinned";
            case Setup.SetAdiVersion a ->
                    a.lines() == 1
                            ? "line "
                                    + a.firstLine()
                                    + " of "
                                    + a.object()
                                    + " has ADI version "
                                    + a.version()
                            : "lines "
                                    + a.firstLine()
                                    + " to "
                                    + (a.firstLine() + a.lines() - 1)
                                    + " of "
                                    + a.object()
                                    + " have ADI version "
                                    + a.version();
            case Setup.DeleteSegment d -> "the segment of " + d.object() + " is deleted";
            case Call.Xmattach x ->
                    context(x.context())
                            + " calls xmattach("
                            + addr(x.addr())
                            + ", "
                            + x.count()
                            + ", "
                            + x.dp()
                            + ", "
                            + Call.segflagName(x.segflag())
                            + ")";
            case Call.Xmdetach x -> context(x.context()) + " calls xmdetach(" + x.dp() + ")";
            case Call.Xmemout x ->
                    context(x.context())
                            + " calls xmemout("
                            + addr(x.kaddr())
                            + ", "
                            + addr(x.uaddr())
                            + ", "
                            + x.count()
                            + ", "
                            + x.dp()
                            + ")";
            case Call.VmMvc v ->
                    context(v.context())
                            + " calls vm_mvc("
                            + v.sid()
                            + ", "
                            + v.pno()
                            + ", "
                            + v.pgoffs()
                            + ", "
                            + v.count()
                            + ", "
                            + Call.cmdName(v.cmd())
                            + ", "
                            + v.dp()
                            + ", "
                            + addr(v.ptr())
                            + ")";
            case Call.Copyout c ->
                    context(c.context())
                            + " calls copyout("
                            + addr(c.driverbuf())
                            + ", "
                            + addr(c.userbuf())
                            + ", "
                            + Long.toUnsignedString(c.cn())
                            + ")";
            case Call.DdiCopyout c ->
                    context(c.context())
                            + " calls ddi_copyout("
                            + addr(c.driverbuf())
                            + ", "
                            + addr(c.buf())
                            + ", "
                            + Long.toUnsignedString(c.cn())
                            + ", "
                            + ddiFlags(c.flags())
                            + ")";
            case Call.XxIoctl i ->
                    context(i.context())
                            + " calls xx_ioctl("
                            + (i.cmd() == Call.XX_GETREGS ? "XX_GETREGS" : String.valueOf(i.cmd()))
                            + ", "
                            + addr(i.arg())
                            + ") on the device registers at "
                            + addr(i.regs());
            case Observe.Bytes b ->
                    "the kit reads "
                            + b.length()
                            + (b.length() == 1 ? " byte" : " bytes")
                            + " of "
                            + b.object()
                            + " from offset "
                            + b.from();
            case Observe.Protection p ->
                    "the kit reads the protection of page " + p.page() + " of " + p.object();
            // Digests are how the harness looks at a call's objects, never an operation of a case.
            case Observe.Digest d ->
                    throw new IllegalArgumentException(
                            d.describe() + " has no words in the feature vocabulary");
        };
    }

    private static String pages(int n) {
        return n + (n == 1 ? " page" : " pages");
    }

    private static String pageRange(String object, int first, int pages) {
        return pages == 1
                ? "page " + first + " of " + object + " is "
                : "pages " + first + " to " + (first + pages - 1) + " of " + object + " are ";
    }

    static String prot(Prot prot) {
        return switch (prot) {
            case READ -> "read-only";
            case READ_WRITE -> "read-write";
            case NONE -> "inaccessible";
        };
    }

    private static String state(PageState s) {
        return switch (s) {
            case RESIDENT -> "resident";
            case PAGED_OUT -> "paged out";
            case PAGING_IO_ERROR -> "failing with a paging I/O error";
            case HARDWARE_ERROR -> "damaged by an uncorrectable hardware error";
        };
    }

    static String context(Context c) {
        return switch (c) {
            case Context.Process p -> "process " + p.process();
            case Context.KernelProcess k -> "a kernel process";
            case Context.Interrupt i -> "an interrupt handler";
        };
    }

    static String addr(Addr a) {
        return switch (a) {
            case Addr.In in ->
                    in.object()
                            + (in.offset() < 0 ? "-" + -in.offset() : "+" + in.offset())
                            + (in.adiVersion() >= 0
                                    ? " (ADI version " + in.adiVersion() + ")"
                                    : "");
            case Addr.Special s -> {
                if (s.offset() < 0)
                    throw new IllegalArgumentException(
                            s.describe()
                                    + ": a special place with a negative offset has no words in the feature vocabulary");
                yield s.place().word + (s.offset() == 0 ? "" : "+" + s.offset());
            }
        };
    }

    private static String ddiFlags(int flags) {
        if (flags == 0) return "0";
        if (flags == Call.FKIOCTL) return "FKIOCTL";
        throw new IllegalArgumentException(
                "ddi_copyout flags "
                        + Integer.toUnsignedString(flags, 16)
                        + " have no words in the feature vocabulary (only 0 and FKIOCTL)");
    }
}
