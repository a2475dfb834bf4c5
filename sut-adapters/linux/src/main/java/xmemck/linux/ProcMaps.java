package xmemck.linux;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import xmemck.ops.Prot;
import xmemck.spi.SutFailure;

/**
 * What {@code /proc/PID/maps} says about one address: whether a mapping covers it, and with which
 * protection.
 *
 * <p>The text of a JVM's maps runs to hundreds of lines, which the kernel formats on every read.
 * Since Linux 6.11 the same file answers one address with the {@code PROCMAP_QUERY} ioctl, and that
 * is asked first; on an older kernel (ENOTTY) the text is read and searched as before.
 */
final class ProcMaps {
    // struct procmap_query (include/uapi/linux/fs.h): 104 bytes
    private static final long SIZE = 104,
            QUERY_FLAGS = 8,
            QUERY_ADDR = 16,
            VMA_FLAGS = 40,
            NAME_SIZE = 80,
            BUILD_ID_SIZE = 84;
    private static final long VMA_READABLE = 1, VMA_WRITABLE = 2;

    /** Not a protection: no mapping covers the address. */
    static final int UNMAPPED = -1;

    private final Libc c;
    private final MemorySegment query;
    private boolean noIoctl;

    ProcMaps(Libc c, Arena arena) {
        this(c, arena, true);
    }

    /**
     * {@code ioctl} false: always read the text, as on a kernel without PROCMAP_QUERY (for tests).
     */
    ProcMaps(Libc c, Arena arena, boolean ioctl) {
        this.c = c;
        this.query = arena.allocate(SIZE, 8);
        this.noIoctl = !ioctl;
    }

    /**
     * The protection of the mapping holding {@code address} in {@code space}; {@link Prot#NONE}
     * when nothing is mapped there. The caller has waited for what it posted there ({@link
     * World#ready}).
     */
    Prot protection(Space space, long address) throws SutFailure {
        long flags = vmaFlags(space, address);
        if (flags == UNMAPPED) return Prot.NONE;
        return (flags & VMA_WRITABLE) != 0
                ? Prot.READ_WRITE
                : (flags & VMA_READABLE) != 0 ? Prot.READ : Prot.NONE;
    }

    /** True when no mapping of {@code space} covers {@code address}. */
    boolean unmapped(Space space, long address) throws SutFailure {
        return vmaFlags(space, address) == UNMAPPED;
    }

    /**
     * True unless this kernel was found to lack PROCMAP_QUERY: then every answer reads the whole
     * text of the maps.
     */
    boolean quick() {
        return !noIoctl;
    }

    /**
     * The PROCMAP_QUERY flags of the mapping covering {@code address} (read and write bits), or
     * {@link #UNMAPPED}.
     */
    private long vmaFlags(Space space, long address) throws SutFailure {
        if (!noIoctl) {
            query.fill((byte) 0);
            query.set(ValueLayout.JAVA_LONG, 0, SIZE);
            query.set(
                    ValueLayout.JAVA_LONG,
                    QUERY_FLAGS,
                    0); // the mapping covering the address, none other
            query.set(ValueLayout.JAVA_LONG, QUERY_ADDR, address);
            query.set(ValueLayout.JAVA_INT, NAME_SIZE, 0);
            query.set(ValueLayout.JAVA_INT, BUILD_ID_SIZE, 0);
            if (c.ioctl(space.mapsFd(), Libc.PROCMAP_QUERY, query.address()) == 0)
                return query.get(ValueLayout.JAVA_LONG, VMA_FLAGS);
            int e = c.errno();
            if (e == Libc.ENOENT) return UNMAPPED;
            if (e != Libc.ENOTTY && e != Libc.EINVAL) {
                throw new SutFailure(
                        SutFailure.Kind.INTERNAL,
                        "ioctl(/proc/"
                                + space.pid()
                                + "/maps, PROCMAP_QUERY) failed: "
                                + Libc.errnoName(e));
            }
            noIoctl = true; // an older kernel: read the text from now on
        }
        return fromText(space.pid(), address);
    }

    private static long fromText(int pid, long address) throws SutFailure {
        List<String> lines;
        try {
            lines = Files.readAllLines(Path.of("/proc/" + pid + "/maps"));
        } catch (IOException e) {
            throw new SutFailure(
                    SutFailure.Kind.INTERNAL,
                    "cannot read /proc/" + pid + "/maps: " + e.getMessage());
        }
        for (String line : lines) {
            // "start-end perms offset dev inode path"
            int dash = line.indexOf('-'), space = line.indexOf(' ');
            long start = Long.parseUnsignedLong(line.substring(0, dash), 16);
            long stop = Long.parseUnsignedLong(line.substring(dash + 1, space), 16);
            if (Long.compareUnsigned(address, start) >= 0
                    && Long.compareUnsigned(address, stop) < 0) {
                return (line.charAt(space + 1) == 'r' ? VMA_READABLE : 0)
                        | (line.charAt(space + 2) == 'w' ? VMA_WRITABLE : 0);
            }
        }
        return UNMAPPED;
    }
}
