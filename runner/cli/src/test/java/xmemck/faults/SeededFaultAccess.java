package xmemck.faults;

import java.nio.file.Path;

/** The C example's binary for tests outside this package. */
public final class SeededFaultAccess {
    private SeededFaultAccess() {}

    public static Path binary() {
        return SeededFault.binary();
    }
}
