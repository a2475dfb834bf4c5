package xmemck.oracle;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import xmemck.ops.Prot;

/**
 * One effect of an allowed outcome. Anything not named by an effect stays unchanged ({@code
 * inv.no-write-outside}).
 */
public sealed interface Effect {

    /**
     * Bytes {@code [offset, offset + length)} of {@code object} may receive {@code data} (byte
     * {@code i} of the range gets byte {@code i} of the data), as far as {@code extent} says.
     */
    record Write(String object, long offset, long length, Data data, Extent extent)
            implements Effect {
        public Write {
            if (length < 0) throw new IllegalArgumentException("bad write length " + length);
            if (extent instanceof Extent.Partial p
                    && !p.writable().isEmpty()
                    && p.writable().getLast().to() > length) {
                throw new IllegalArgumentException(
                        "writable range "
                                + p.writable().getLast()
                                + " beyond the write's "
                                + length
                                + " bytes");
            }
        }

        /** A success: every byte holds the new data. */
        public boolean exact() {
            return extent instanceof Extent.Whole;
        }

        /** A failure found before any byte could be stored: every byte keeps its old value. */
        public boolean untouched() {
            return extent instanceof Extent.Partial p && p.writable().isEmpty();
        }

        /** Can byte {@code i} of the range hold the new data? */
        public boolean mayHoldNew(long i) {
            return switch (extent) {
                case Extent.Whole w -> true;
                case Extent.Partial p -> p.contains(i);
            };
        }
    }

    /** How much of a {@link Write} an allowed outcome may have carried out. */
    sealed interface Extent {
        /** All of it: every byte of the range holds its new data. */
        record Whole() implements Extent {}

        /**
         * A failed copy ({@code inv.failure-effect}): each byte in {@code writable} (indexes into
         * the write's range, sorted and disjoint) holds its old value or exactly its new data;
         * every other byte keeps its old value. The manual pages say nothing of what a failure
         * leaves behind, so any mix conforms (a prefix, a suffix from a copy that runs back to
         * front, a store that faults in the middle of a page) as long as it stays within the bytes
         * the copy could store.
         */
        record Partial(List<Range> writable) implements Extent {
            public Partial {
                writable = List.copyOf(writable);
                for (int i = 0; i < writable.size(); i++) {
                    if (i > 0 && writable.get(i).from() <= writable.get(i - 1).to())
                        throw new IllegalArgumentException(
                                "writable ranges must be sorted, disjoint and apart: " + writable);
                }
            }

            public boolean contains(long i) {
                for (Range r : writable) if (i >= r.from() && i < r.to()) return true;
                return false;
            }

            /**
             * The bytes a copy that stops at the first byte it cannot store writes: the writable
             * range at 0, if any.
             */
            public long leadingRun() {
                return !writable.isEmpty() && writable.getFirst().from() == 0
                        ? writable.getFirst().to()
                        : 0;
            }

            public long total() {
                long n = 0;
                for (Range r : writable) n += r.to() - r.from();
                return n;
            }
        }
    }

    /** Indexes {@code [from, to)}. */
    record Range(long from, long to) {
        public Range {
            if (from < 0 || to < from)
                throw new IllegalArgumentException("bad range [" + from + ", " + to + ")");
        }

        @Override
        public String toString() {
            return to == from + 1 ? "byte " + from : "bytes " + from + ".." + (to - 1);
        }

        /** Sorted, merged ranges from possibly adjacent ones given in order. */
        static List<Range> merge(List<Range> inOrder) {
            List<Range> out = new ArrayList<>(inOrder.size());
            for (Range r : inOrder) {
                if (r.to == r.from) continue;
                if (!out.isEmpty() && out.getLast().to >= r.from)
                    out.set(
                            out.size() - 1,
                            new Range(out.getLast().from, Math.max(out.getLast().to, r.to)));
                else out.add(r);
            }
            return out;
        }
    }

    /**
     * Page {@code page} of {@code object} gets one of the protections in {@code allowed}
     * (VM_MVC_PROTZERO "protects" the page: any protection that no longer allows writes).
     */
    record Protect(String object, long page, Set<Prot> allowed) implements Effect {
        public Protect {
            allowed = Set.copyOf(allowed);
        }
    }

    /**
     * Descriptor {@code dp} now describes {@code [offset, offset + count)} of {@code object} in
     * {@code space}. Not observable directly.
     */
    record Attach(String dp, String space, String object, long offset, long count, int segflag)
            implements Effect {}

    /** Descriptor {@code dp} becomes XMEM_INVAL. Not observable directly. */
    record Detach(String dp) implements Effect {}
}
