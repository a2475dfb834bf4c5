package xmemck.oracle;

import xmemck.ops.Op;

/**
 * An ill-formed operation sequence (unknown object, page out of range, a pinned page paged out,
 * ...): the typed error naming the problem.
 */
public final class WorldError extends RuntimeException {
    private final transient Op op;

    public WorldError(Op op, String message) {
        super((op == null ? "" : op.describe() + ": ") + message);
        this.op = op;
    }

    public Op op() {
        return op;
    }
}
