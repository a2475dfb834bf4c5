package xmemck.linux;

import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.foreign.Arena;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * The main class of a helper child: a second, small JVM whose address space plays one user process
 * of the world, the target of xmemout and of vm_mvc's m2. The kit drives it over a pipe, one
 * command a line, and it answers each over a second pipe with one line, {@code OK [value]} or
 * {@code ERR errno text}, in order; it opens both through {@code /proc/KIT/fd/N}, as it opens the
 * kit's memory files. The kit may send several commands before it reads their answers; answers are
 * flushed when no command is waiting, so a batch costs one wake-up each way. It only changes its
 * own mappings; the kit reads and writes its memory from outside with process_vm_readv/writev and
 * /proc/PID/mem, which the kernel allows because the helper is a child of the kit (ptrace rules:
 * same user, and a descendant under Yama's restricted mode).
 *
 * <p>It dies with the kit: it asks for SIGKILL when its parent dies (PR_SET_PDEATHSIG) and exits at
 * the end of the commands, whichever comes first.
 *
 * <p>Commands (numbers in decimal; {@code path} is {@code /proc/KIT/fd/N}, a file the kit holds
 * open):
 *
 * <pre>
 *   MAP path length fence       reserve length + 2*fence bytes PROT_NONE, map the file's [0, length) shared
 *                               read-write at base + fence; answers base
 *   MAPAT addr length prot path offset   map the file's [offset, offset + length) at addr (MAP_FIXED, shared)
 *   MAPHOLE addr length prot path offset the same into a hole left by UNMAP (MAP_FIXED_NOREPLACE: fails with
 *                               EEXIST if this JVM has put something of its own there since)
 *   PROT addr length prot        mprotect (prot: 0 none, 1 read, 3 read-write)
 *   UNMAP addr length            munmap (a hole)
 *   FREE base length             munmap a whole reservation made by MAP, except its holes (which may hold
 *                               this JVM's own memory by now)
 *   PROBE addr                   answers 1 when nothing is mapped at addr, else 0
 *   EXIT                         exit
 * </pre>
 */
public final class Helper {

    /** A reservation made by MAP, and which of its pages are holes. */
    private record Reservation(long base, long length, BitSet holes) {
        boolean contains(long addr) {
            return addr >= base && addr < base + length;
        }
    }

    private final Libc c;
    private final List<Reservation> reservations = new ArrayList<>();
    private final long vec;

    private Helper(Libc c, long vec) {
        this.c = c;
        this.vec = vec;
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println(
                    "usage: Helper KIT_PID COMMANDS_FD ANSWERS_FD (started by the Linux adapter, not by hand)");
            System.exit(2);
        }
        int kit = Integer.parseInt(args[0]);
        Arena arena = Arena.global();
        Libc c = new Libc(arena);
        // Die with the kit. The check after prctl closes the race where the kit died before it took
        // effect.
        c.prctl(Libc.PR_SET_PDEATHSIG, Libc.SIGKILL);
        if (c.getppid() != kit) System.exit(3);
        Helper h = new Helper(c, arena.allocate(16).address());
        // The kit's pipes, opened as the memory files are: by the kit's descriptor numbers.
        BufferedReader in =
                new BufferedReader(
                        new InputStreamReader(
                                new FileInputStream("/proc/" + kit + "/fd/" + args[1]),
                                StandardCharsets.US_ASCII));
        PrintStream out =
                new PrintStream(
                        new FileOutputStream("/proc/" + kit + "/fd/" + args[2]),
                        false,
                        StandardCharsets.US_ASCII);
        out.println("READY " + c.getpid());
        out.flush();
        String line;
        while ((line = in.readLine()) != null) {
            String answer;
            try {
                answer = h.execute(line.trim().split(" "));
            } catch (RuntimeException e) {
                answer = "ERR 0 " + e;
            }
            if (answer == null) break;
            out.println(answer);
            if (!in.ready()) out.flush(); // one write for a batch of answers
        }
        out.flush();
        System.exit(0);
    }

    /** One command; null means exit. */
    private String execute(String[] w) {
        return switch (w[0]) {
            case "MAP" -> map(w[1], num(w[2]), num(w[3]));
            case "MAPAT" ->
                    mapAt(num(w[1]), num(w[2]), (int) num(w[3]), w[4], num(w[5]), Libc.MAP_FIXED);
            case "MAPHOLE" ->
                    mapAt(
                            num(w[1]),
                            num(w[2]),
                            (int) num(w[3]),
                            w[4],
                            num(w[5]),
                            Libc.MAP_FIXED_NOREPLACE);
            case "PROT" ->
                    c.mprotect(num(w[1]), num(w[2]), (int) num(w[3])) == 0 ? "OK" : err("mprotect");
            case "UNMAP" -> {
                long addr = num(w[1]), length = num(w[2]);
                if (c.munmap(addr, length) != 0) yield err("munmap");
                holes(addr, length, true);
                yield "OK";
            }
            case "FREE" -> free(num(w[1]));
            case "PROBE" ->
                    "OK "
                            + (c.mincore(num(w[1]), PAGE, vec) < 0 && c.errno() == Libc.ENOMEM
                                    ? 1
                                    : 0);
            case "EXIT" -> null;
            default -> "ERR 0 unknown command " + w[0];
        };
    }

    private String map(String path, long length, long fence) {
        long total = length + 2 * fence;
        long base =
                c.mmap(
                        0,
                        total,
                        Libc.PROT_NONE,
                        Libc.MAP_PRIVATE | Libc.MAP_ANONYMOUS | Libc.MAP_NORESERVE,
                        -1,
                        0);
        if (base == Libc.MAP_FAILED) return err("mmap reservation");
        int fd = c.open(path, Libc.O_RDWR | Libc.O_CLOEXEC, 0);
        if (fd < 0) {
            String e = err("open " + path);
            c.munmap(base, total);
            return e;
        }
        long r =
                c.mmap(
                        base + fence,
                        length,
                        Libc.PROT_READ | Libc.PROT_WRITE,
                        Libc.MAP_SHARED | Libc.MAP_FIXED,
                        fd,
                        0);
        int e = c.errno();
        c.close(fd);
        if (r == Libc.MAP_FAILED) {
            c.munmap(base, total);
            return "ERR " + e + " mmap " + path;
        }
        reservations.add(new Reservation(base, total, new BitSet()));
        return "OK " + base;
    }

    private String mapAt(long addr, long length, int prot, String path, long offset, int how) {
        int fd = c.open(path, Libc.O_RDWR | Libc.O_CLOEXEC, 0);
        if (fd < 0) return err("open " + path);
        long r = c.mmap(addr, length, prot, Libc.MAP_SHARED | how, fd, offset);
        int e = c.errno();
        c.close(fd);
        if (r == Libc.MAP_FAILED) return "ERR " + e + " mmap";
        if (r != addr) {
            // a kernel older than 4.17 takes MAP_FIXED_NOREPLACE for a hint and maps elsewhere when
            // the place is taken
            c.munmap(r, length);
            return "ERR " + Libc.EEXIST + " mmap: the hole at " + addr + " is taken";
        }
        holes(addr, length, false);
        return "OK";
    }

    /** Records that {@code [addr, addr + length)} became a hole, or was mapped again. */
    private void holes(long addr, long length, boolean hole) {
        for (Reservation r : reservations) {
            if (!r.contains(addr)) continue;
            int first = (int) ((addr - r.base()) / PAGE);
            int end =
                    (int)
                            ((Math.min(addr + length, r.base() + r.length()) - r.base() + PAGE - 1)
                                    / PAGE);
            r.holes().set(first, end, hole);
            return;
        }
    }

    /** Unmaps the reservation at {@code base} run by run, leaving its holes alone. */
    private String free(long base) {
        Reservation r = null;
        for (Reservation x : reservations) if (x.base() == base) r = x;
        if (r == null) return "ERR " + Libc.EINVAL + " no reservation at " + base;
        reservations.remove(r);
        int pages = (int) (r.length() / PAGE);
        String failed = null;
        for (int i = r.holes().nextClearBit(0); i < pages; ) {
            int j = r.holes().nextSetBit(i);
            if (j < 0 || j > pages) j = pages;
            if (c.munmap(base + (long) i * PAGE, (long) (j - i) * PAGE) != 0 && failed == null)
                failed = err("munmap");
            i = r.holes().nextClearBit(j);
        }
        return failed != null ? failed : "OK";
    }

    private String err(String what) {
        return "ERR " + c.errno() + " " + what + ": " + Libc.errnoName(c.errno());
    }

    private static long num(String s) {
        return Long.parseLong(s);
    }

    /**
     * The page size; a constant here so that the helper needs no class outside this module on its
     * class path.
     */
    private static final int PAGE = 4096;
}
