package xmemck.spi;

/** The implementation did not answer properly; the harness turns this into an ERROR verdict. */
public final class SutFailure extends Exception {

    public enum Kind {
        /** It could not be started (its command failed, its handshake never came). */
        START_FAILED,
        /** It exited or was killed by a signal. */
        CRASHED,
        /** It did not answer within the per-call timeout. */
        HUNG,
        /** It answered something malformed or unexpected. */
        PROTOCOL,
        /** The adapter itself failed. */
        INTERNAL
    }

    private final Kind kind;

    public SutFailure(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public SutFailure(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    @Override
    public String toString() {
        return kind + ": " + getMessage();
    }
}
