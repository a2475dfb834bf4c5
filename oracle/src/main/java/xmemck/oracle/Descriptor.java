package xmemck.oracle;

/**
 * An attached cross-memory descriptor: it describes {@code [offset, offset + count)} of {@code
 * object} in {@code space}. A descriptor that was never attached, or was detached, is simply absent
 * from the world (its aspace_id is XMEM_INVAL).
 */
record Descriptor(String name, String space, String object, long offset, long count, int segflag) {
    boolean covers(String obj, long from, long length) {
        return object.equals(obj)
                && from >= offset
                && length >= 0
                && from + length <= offset + count;
    }
}
