package xmemck.linux;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import xmemck.ops.Observe;
import xmemck.ops.Prot;
import xmemck.ops.Result;
import xmemck.spi.SutFailure;

/**
 * The kit's privileged view of memory.
 *
 * <p>A region is read where it lives (its helper for a user region, the kit for kernel memory) through
 * {@code /proc/PID/mem}: the kernel reads the address space as a debugger would, so a no-access page still
 * reads (forced access), while a hole, an unmapped segment or a page past the end of its file cannot be read
 * and is reported unreadable. Pages beyond the guard pages are not read at all.
 *
 * <p>A file segment is read from its memory file with pread, which reads holes as zeros without giving them a
 * page; a page without a real frame shows the bytes it keeps on its "disk" (and would regain).
 *
 * <p>A page's protection is read from {@code /proc/PID/maps}.
 */
final class Observer {
    private final World world;
    private final Libc c;

    Observer(World world) {
        this.world = world;
        this.c = world.c;
    }

    Result bytes(Observe.Bytes b) throws SutFailure, OsError {
        if (b.length() > Integer.MAX_VALUE - 16) throw World.protocol(b, "cannot observe more than 2 GiB at once");
        int length = (int) b.length();
        byte[] data = new byte[length];
        List<Long> unreadable = new ArrayList<>();
        MemorySegment buf = world.scratch.buffer(Math.max(length, Geometry.PAGE));
        Region r = world.regions.get(b.object());
        FileSegment s = r == null ? world.segments.get(b.object()) : null;
        if (r == null && s == null) throw World.protocol(b, "no object " + b.object());
        long pages = r != null ? r.pages : s.pages;
        long size = pages * Geometry.PAGE;
        long end = b.from() + length;
        boolean wholeDone = false;
        if (r != null && b.from() >= -Geometry.GUARD && end <= size + Geometry.GUARD && length > 0) {
            // the common case, one read of everything; page by page only when something in it cannot be read
            long got = c.pread(r.home.space().memFd(), buf.address(), length, r.home.objectAddress() + b.from());
            wholeDone = got == length;
        }
        for (long at = b.from(); at < end && !wholeDone; ) {
            long page = Math.floorDiv(at, Geometry.PAGE);
            int n = (int) (Math.min((page + 1) * Geometry.PAGE, end) - at);
            int into = (int) (at - b.from());
            boolean ok;
            if (page < -1 || page > pages) {
                ok = false;  // beyond the guard pages: the kit owns no memory there
            } else if (r != null) {
                ok = c.pread(r.home.space().memFd(), buf.address() + into, n, r.home.objectAddress() + at) == n;
            } else {
                boolean frame = page < 0 || page >= pages || world.hasFrame(s, page);
                ok = c.pread(frame ? s.fd : s.backingFd, buf.address() + into, n, Region.fileOffset(at)) == n;
            }
            if (!ok) {
                unreadable.add(page);
                buf.asSlice(into, n).fill((byte) 0);
            }
            at += n;
        }
        MemorySegment.copy(buf, ValueLayout.JAVA_BYTE, 0, data, 0, length);
        return new Result.Bytes(b.object(), b.from(), data, unreadable);
    }

    Result protection(Observe.Protection p) throws SutFailure {
        Region r = world.regions.get(p.object());
        FileSegment s = r == null ? world.segments.get(p.object()) : null;
        if (r == null && s == null) throw World.protocol(p, "no object " + p.object());
        int pid = r != null ? r.home.space().pid() : world.kit.pid();
        long address = r != null ? r.home.pageAddress(p.page()) : s.address(p.page() * Geometry.PAGE);
        return new Result.Protection(protectionAt(pid, address, p));
    }

    /** The protection of the mapping holding {@code address} in process {@code pid}; NONE when nothing is mapped there. */
    private static Prot protectionAt(int pid, long address, Observe.Protection op) throws SutFailure {
        List<String> lines;
        try {
            lines = Files.readAllLines(Path.of("/proc/" + pid + "/maps"));
        } catch (IOException e) {
            throw new SutFailure(SutFailure.Kind.INTERNAL, op.describe() + ": cannot read /proc/" + pid + "/maps: " + e.getMessage());
        }
        for (String line : lines) {
            // "start-end perms offset dev inode path"
            int dash = line.indexOf('-'), space = line.indexOf(' ');
            long start = Long.parseUnsignedLong(line.substring(0, dash), 16);
            long stop = Long.parseUnsignedLong(line.substring(dash + 1, space), 16);
            if (Long.compareUnsigned(address, start) >= 0 && Long.compareUnsigned(address, stop) < 0) {
                boolean read = line.charAt(space + 1) == 'r', write = line.charAt(space + 2) == 'w';
                return write ? Prot.READ_WRITE : read ? Prot.READ : Prot.NONE;
            }
        }
        return Prot.NONE;
    }
}
