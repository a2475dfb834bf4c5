package xmemck.linux;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.foreign.Arena;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The main class of a helper child: a second, small JVM whose address space plays one user process of the
 * world, the target of xmemout and of vm_mvc's m2. The kit drives it over its standard input, one command a
 * line, and it answers each with one line, {@code OK [value]} or {@code ERR errno text}. It only changes its own
 * mappings; the kit reads and writes its memory from outside with process_vm_readv/writev and /proc/PID/mem,
 * which the kernel allows because the helper is a child of the kit (ptrace rules: same user, and a descendant
 * under Yama's restricted mode).
 *
 * <p>It dies with the kit: it asks for SIGKILL when its parent dies (PR_SET_PDEATHSIG) and exits at the end of
 * its input, whichever comes first.
 *
 * <p>Commands (numbers in decimal; {@code path} is {@code /proc/KIT/fd/N}, a file the kit holds open):
 * <pre>
 *   MAP path length fence       reserve length + 2*fence bytes PROT_NONE, map the file's [0, length) shared
 *                               read-write at base + fence; answers base
 *   MAPAT addr length prot path offset   map the file's [offset, offset + length) at addr (MAP_FIXED, shared)
 *   PROT addr length prot        mprotect (prot: 0 none, 1 read, 3 read-write)
 *   UNMAP addr length            munmap (a hole)
 *   LOCK addr length             mlock
 *   FREE base length             munmap a whole reservation made by MAP
 *   RESET                        munmap every reservation still held
 *   PROBE addr                   answers 1 when nothing is mapped at addr, else 0
 *   EXIT                         exit
 * </pre>
 */
public final class Helper {

    private record Reservation(long base, long length) {}

    private final Libc c;
    private final List<Reservation> reservations = new ArrayList<>();
    private final long vec;

    private Helper(Libc c, long vec) {
        this.c = c;
        this.vec = vec;
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: Helper KIT_PID (started by the Linux adapter, not by hand)");
            System.exit(2);
        }
        int kit = Integer.parseInt(args[0]);
        Arena arena = Arena.global();
        Libc c = new Libc(arena);
        // Die with the kit. The check after prctl closes the race where the kit died before it took effect.
        c.prctl(Libc.PR_SET_PDEATHSIG, Libc.SIGKILL);
        if (c.getppid() != kit) System.exit(3);
        Helper h = new Helper(c, arena.allocate(16).address());
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false, StandardCharsets.US_ASCII);
        out.println("READY " + c.getpid());
        out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
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
            out.flush();
        }
        System.exit(0);
    }

    /** One command; null means exit. */
    private String execute(String[] w) {
        return switch (w[0]) {
            case "MAP" -> map(w[1], num(w[2]), num(w[3]));
            case "MAPAT" -> {
                long addr = num(w[1]), length = num(w[2]);
                int prot = (int) num(w[3]);
                int fd = c.open(w[4], Libc.O_RDWR | Libc.O_CLOEXEC, 0);
                if (fd < 0) yield err("open " + w[4]);
                long r = c.mmap(addr, length, prot, Libc.MAP_SHARED | Libc.MAP_FIXED, fd, num(w[5]));
                int e = c.errno();
                c.close(fd);
                yield r == Libc.MAP_FAILED ? "ERR " + e + " mmap" : "OK";
            }
            case "PROT" -> c.mprotect(num(w[1]), num(w[2]), (int) num(w[3])) == 0 ? "OK" : err("mprotect");
            case "UNMAP" -> c.munmap(num(w[1]), num(w[2])) == 0 ? "OK" : err("munmap");
            case "LOCK" -> c.mlock(num(w[1]), num(w[2])) == 0 ? "OK" : err("mlock");
            case "FREE" -> {
                long base = num(w[1]), length = num(w[2]);
                reservations.removeIf(r -> r.base() == base);
                yield c.munmap(base, length) == 0 ? "OK" : err("munmap");
            }
            case "RESET" -> {
                for (Reservation r : reservations) c.munmap(r.base(), r.length());
                reservations.clear();
                yield "OK";
            }
            case "PROBE" -> "OK " + (c.mincore(num(w[1]), PAGE, vec) < 0 && c.errno() == Libc.ENOMEM ? 1 : 0);
            case "EXIT" -> null;
            default -> "ERR 0 unknown command " + w[0];
        };
    }

    private String map(String path, long length, long fence) {
        long total = length + 2 * fence;
        long base = c.mmap(0, total, Libc.PROT_NONE, Libc.MAP_PRIVATE | Libc.MAP_ANONYMOUS | Libc.MAP_NORESERVE, -1, 0);
        if (base == Libc.MAP_FAILED) return err("mmap reservation");
        int fd = c.open(path, Libc.O_RDWR | Libc.O_CLOEXEC, 0);
        if (fd < 0) {
            String e = err("open " + path);
            c.munmap(base, total);
            return e;
        }
        long r = c.mmap(base + fence, length, Libc.PROT_READ | Libc.PROT_WRITE, Libc.MAP_SHARED | Libc.MAP_FIXED, fd, 0);
        int e = c.errno();
        c.close(fd);
        if (r == Libc.MAP_FAILED) {
            c.munmap(base, total);
            return "ERR " + e + " mmap " + path;
        }
        reservations.add(new Reservation(base, total));
        return "OK " + base;
    }

    private String err(String what) {
        return "ERR " + c.errno() + " " + what + ": " + Libc.errnoName(c.errno());
    }

    private static long num(String s) {
        return Long.parseLong(s);
    }

    /** The page size; a constant here so that the helper needs no class outside this module on its class path. */
    private static final int PAGE = 4096;
}
