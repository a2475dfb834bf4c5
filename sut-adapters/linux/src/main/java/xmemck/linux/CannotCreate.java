package xmemck.linux;

/**
 * The adapter cannot create the condition an op asks for on Linux, or cannot give the op a meaning
 * there; the message is the reason, and becomes the op's {@link xmemck.ops.Result.Unsupported}
 * answer.
 */
final class CannotCreate extends Exception {
    CannotCreate(String reason) {
        super(reason);
    }
}
