package xmemck.fuzz;

import java.util.ArrayList;
import java.util.List;
import xmemck.ops.Addr;
import xmemck.ops.Call;
import xmemck.ops.Context;
import xmemck.ops.Names;
import xmemck.ops.Observe;
import xmemck.ops.Op;
import xmemck.ops.Setup;

/**
 * The names an operation creates and the names it refers to, in three name spaces: processes
 * (created by {@code CreateProcess}), objects (regions and file segments, created by the {@code
 * MapRegion} operations and {@code CreateFileSegment}) and cross-memory descriptors (created by
 * {@code xmattach}).
 *
 * <p>Shrinking removes operations; an operation about an object whose creation was removed is not a
 * smaller case of the same failure but a different question, which implementations answer with the
 * protocol's {@code error} (an ERROR). {@link #closed} removes such operations with the creation,
 * and {@link #dangling} lets the fuzzing property refuse a case that refers to a name no earlier
 * operation creates before the implementation sees it.
 *
 * <p>A descriptor that was never attached is a valid argument of the protocol ({@code XMEM_INVAL}),
 * but no generated case has one, so a shrunk case does not either: the counterexamples stay cases
 * the generator could have made.
 */
final class OpRefs {
    private OpRefs() {}

    /** A name space. */
    enum Space {
        PROCESS,
        OBJECT,
        DESCRIPTOR
    }

    /** A name in its space. */
    record Name(Space space, String name) {
        String describe() {
            return space.name().toLowerCase(java.util.Locale.ROOT) + " \"" + name + "\"";
        }
    }

    /** Receives names. */
    @FunctionalInterface
    interface Sink {
        void name(Space space, String name);
    }

    /** The name {@code op} creates, or null. */
    static Name creates(Op op) {
        return switch (op) {
            case Setup.CreateProcess p -> new Name(Space.PROCESS, p.name());
            case Setup.MapRegion r -> new Name(Space.OBJECT, r.name());
            case Setup.MapRegionBelowUserBlock r -> new Name(Space.OBJECT, r.name());
            case Setup.MapRegionAcrossSegments r -> new Name(Space.OBJECT, r.name());
            case Setup.CreateFileSegment f -> new Name(Space.OBJECT, f.sid());
            case Call.Xmattach x -> new Name(Space.DESCRIPTOR, x.dp());
            default -> null;
        };
    }

    /** Tells {@code to} every name {@code op} refers to (a name it creates is not among them). */
    static void refers(Op op, Sink to) {
        switch (op) {
            case Setup.CreateProcess p -> {}
            case Setup.MapRegion r -> space(r.space(), to);
            case Setup.MapRegionBelowUserBlock r -> to.name(Space.PROCESS, r.process());
            case Setup.MapRegionAcrossSegments r -> space(r.space(), to);
            case Setup.CreateFileSegment f -> {}
            case Setup.SetFrame f -> to.name(Space.OBJECT, f.sid());
            case Setup.Protect p -> to.name(Space.OBJECT, p.object());
            case Setup.Unmap u -> to.name(Space.OBJECT, u.object());
            case Setup.SetPageState s -> to.name(Space.OBJECT, s.object());
            case Setup.DamageLines d -> to.name(Space.OBJECT, d.object());
            case Setup.Pin p -> to.name(Space.OBJECT, p.object());
            case Setup.SetAdiVersion a -> to.name(Space.OBJECT, a.object());
            case Setup.DeleteSegment d -> to.name(Space.OBJECT, d.object());
            case Call.Xmattach x -> {
                context(x.context(), to);
                addr(x.addr(), to);
            }
            case Call.Xmdetach x -> {
                context(x.context(), to);
                to.name(Space.DESCRIPTOR, x.dp());
            }
            case Call.Xmemout x -> {
                context(x.context(), to);
                addr(x.kaddr(), to);
                addr(x.uaddr(), to);
                to.name(Space.DESCRIPTOR, x.dp());
            }
            case Call.VmMvc v -> {
                context(v.context(), to);
                to.name(Space.OBJECT, v.sid());
                to.name(Space.DESCRIPTOR, v.dp());
                addr(v.ptr(), to);
            }
            case Call.Copyout c -> {
                context(c.context(), to);
                addr(c.driverbuf(), to);
                addr(c.userbuf(), to);
            }
            case Call.DdiCopyout c -> {
                context(c.context(), to);
                addr(c.driverbuf(), to);
                addr(c.buf(), to);
            }
            case Call.XxIoctl c -> {
                context(c.context(), to);
                addr(c.regs(), to);
                addr(c.arg(), to);
            }
            case Observe.Bytes b -> to.name(Space.OBJECT, b.object());
            case Observe.Digest d -> to.name(Space.OBJECT, d.object());
            case Observe.Protection p -> to.name(Space.OBJECT, p.object());
        }
    }

    private static void space(String space, Sink to) {
        if (!Names.KERNEL.equals(space)) to.name(Space.PROCESS, space);
    }

    private static void context(Context c, Sink to) {
        if (c instanceof Context.Process p) to.name(Space.PROCESS, p.process());
    }

    private static void addr(Addr a, Sink to) {
        if (a instanceof Addr.In in) to.name(Space.OBJECT, in.object());
    }

    /**
     * Null when every name an operation of {@code ops} refers to is created by an earlier
     * operation; else what the first operation that refers to another name is, and the name. One
     * pass over a few operations, without allocating per reference: cheap enough for every case (a
     * fraction of a microsecond; the oracle takes tens).
     */
    static String dangling(List<Op> ops) {
        Collected created = new Collected(), refs = new Collected();
        for (Op op : ops) {
            refs.clear();
            refers(op, refs);
            for (int r = 0; r < refs.size; r++) {
                if (!created.contains(refs.spaces[r], refs.names[r])) {
                    return op.describe()
                            + " refers to "
                            + new Name(refs.spaces[r], refs.names[r]).describe()
                            + ", which no earlier operation creates";
                }
            }
            Name n = creates(op);
            if (n != null) created.name(n.space(), n.name());
        }
        return null;
    }

    /** Names collected in two parallel arrays: small lists, searched from the start. */
    private static final class Collected implements Sink {
        Space[] spaces = new Space[8];
        String[] names = new String[8];
        int size;

        @Override
        public void name(Space space, String name) {
            if (size == spaces.length) {
                spaces = java.util.Arrays.copyOf(spaces, size * 2);
                names = java.util.Arrays.copyOf(names, size * 2);
            }
            spaces[size] = space;
            names[size++] = name;
        }

        boolean contains(Space space, String name) {
            for (int i = 0; i < size; i++)
                if (spaces[i] == space && names[i].equals(name)) return true;
            return false;
        }

        void clear() {
            size = 0;
        }
    }

    /**
     * {@code candidate}, a shrinking of {@code original}, less every operation that refers to a
     * name {@code original} creates but no earlier operation of the result does: an operation about
     * an object, process or descriptor whose creation the candidate dropped (and, in turn, about
     * what such an operation created). Names {@code original} refers to without creating them are
     * left alone. Answers {@code candidate} itself when nothing is removed.
     */
    static List<Op> closed(List<Op> original, List<Op> candidate) {
        List<Name> made = new ArrayList<>(8);
        for (Op op : original) {
            Name n = creates(op);
            if (n != null && !made.contains(n)) made.add(n);
        }
        List<Name> created = new ArrayList<>(8);
        List<Op> out = null;
        for (int i = 0; i < candidate.size(); i++) {
            Op op = candidate.get(i);
            boolean[] lost = {false};
            refers(
                    op,
                    (space, name) -> {
                        Name n = new Name(space, name);
                        if (!lost[0] && made.contains(n) && !created.contains(n)) lost[0] = true;
                    });
            if (lost[0]) {
                if (out == null) out = new ArrayList<>(candidate.subList(0, i));
                continue;
            }
            if (out != null) out.add(op);
            Name n = creates(op);
            if (n != null) created.add(n);
        }
        return out == null ? candidate : out;
    }
}
