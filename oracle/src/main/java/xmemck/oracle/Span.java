package xmemck.oracle;

/** {@code [offset, offset + length)} of {@code object}. */
record Span(String object, long offset, long length) {
    boolean contains(String obj, long at) {
        return object.equals(obj) && at >= offset && at - offset < length;
    }
}
