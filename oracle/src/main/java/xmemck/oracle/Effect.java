package xmemck.oracle;

import xmemck.ops.Prot;

/** One effect of an allowed outcome. Anything not named by an effect stays unchanged ({@code inv.no-write-outside}). */
public sealed interface Effect {

    /**
     * Bytes {@code [offset, offset + k)} of {@code object} become the first {@code k} bytes of {@code data}, for
     * some {@code k} with {@code minWritten <= k <= maxWritten <= length}; bytes from {@code k} on stay as they
     * were. A successful copy is {@code min = max = length}; a failed one is typically {@code 0..firstBadByte}
     * ("untouched, or a prefix of the new data": {@code inv.failure-effect}).
     */
    record Write(String object, long offset, long length, Data data, long minWritten, long maxWritten) implements Effect {
        public Write {
            if (length < 0 || minWritten < 0 || minWritten > maxWritten || maxWritten > length) {
                throw new IllegalArgumentException("bad write extent: length " + length + ", written " + minWritten + ".." + maxWritten);
            }
        }
        public boolean exact() { return minWritten == length && maxWritten == length; }
    }

    /** Page {@code page} of {@code object} gets protection {@code prot} (VM_MVC_PROTZERO). */
    record Protect(String object, long page, Prot prot) implements Effect {}

    /** Descriptor {@code dp} now describes {@code [offset, offset + count)} of {@code object} in {@code space}. Not observable directly. */
    record Attach(String dp, String space, String object, long offset, long count, int segflag) implements Effect {}

    /** Descriptor {@code dp} becomes XMEM_INVAL. Not observable directly. */
    record Detach(String dp) implements Effect {}
}
