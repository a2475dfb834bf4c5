package xmemck.linux;

/** A system call the adapter made to build the world failed; {@code errno} says how. */
final class OsError extends Exception {
    private final int errno;

    OsError(String what, int errno) {
        super(what + ": " + Libc.errnoName(errno));
        this.errno = errno;
    }

    int errno() {
        return errno;
    }
}
