package xmemck.linux;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The C library calls this adapter makes, bound through the Foreign Function and Memory API, and
 * nothing else in the module touches native code. x86_64 Linux only (constant values below are that
 * ABI's).
 *
 * <p>Pointers are passed and returned as {@code long} so that the hot paths create no {@link
 * MemorySegment} per call; on x86_64 a pointer and a 64-bit integer travel in the same register
 * class. Each instance owns the small native block into which the linker captures {@code errno}, so
 * an instance must be used by one thread at a time (a Sut is single-threaded by contract). A call
 * that fails returns the C function's failure value and leaves its errno in {@link #errno()}.
 */
final class Libc {

    // errno values (asm-generic/errno-base.h)
    static final int EPERM = 1,
            ENOENT = 2,
            ESRCH = 3,
            EIO = 5,
            EBADF = 9,
            ENOMEM = 12,
            EACCES = 13,
            EFAULT = 14,
            EEXIST = 17,
            EINVAL = 22,
            ENOTTY = 25,
            EOPNOTSUPP = 95; // named in messages by errnoName

    // mmap and friends (x86_64)
    static final int PROT_NONE = 0, PROT_READ = 1, PROT_WRITE = 2;
    static final int MAP_SHARED = 0x01,
            MAP_PRIVATE = 0x02,
            MAP_FIXED = 0x10,
            MAP_ANONYMOUS = 0x20,
            MAP_NORESERVE = 0x4000,
            MAP_FIXED_NOREPLACE = 0x100000;
    static final long MAP_FAILED = -1L;
    static final int MFD_CLOEXEC = 1;
    static final int FALLOC_FL_KEEP_SIZE = 1, FALLOC_FL_PUNCH_HOLE = 2;
    static final int POSIX_FADV_RANDOM = 1;
    static final int POSIX_FADV_DONTNEED = 4;
    static final int SYNC_FILE_RANGE_WAIT_BEFORE = 1,
            SYNC_FILE_RANGE_WRITE = 2,
            SYNC_FILE_RANGE_WAIT_AFTER = 4;
    static final int O_RDONLY = 0, O_RDWR = 2, O_CLOEXEC = 0x80000, O_TMPFILE = 0x410000;
    static final short POLLIN = 1;
    static final int EINTR = 4, EAGAIN = 11, EPIPE = 32;
    static final int PR_SET_PDEATHSIG = 1;
    static final int SIGKILL = 9;
    static final long TMPFS_MAGIC = 0x01021994L;

    /**
     * {@code _IOWR('f', 17, struct procmap_query)}: one mapping of /proc/PID/maps by address (Linux
     * 6.11 and later).
     */
    static final long PROCMAP_QUERY = 0xC0686611L;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO =
            CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final Linker.Option ERRNO_OPTION = Linker.Option.captureCallState("errno");

    private static final MethodHandle MEMFD_CREATE =
            bind("memfd_create", JAVA_INT, ADDRESS, JAVA_INT);
    private static final MethodHandle OPEN =
            bindVariadic("open", 2, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT);
    private static final MethodHandle CLOSE = bind("close", JAVA_INT, JAVA_INT);
    private static final MethodHandle FTRUNCATE = bind("ftruncate", JAVA_INT, JAVA_INT, JAVA_LONG);
    private static final MethodHandle FALLOCATE =
            bind("fallocate", JAVA_INT, JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_LONG);
    private static final MethodHandle SYNC_FILE_RANGE =
            bind("sync_file_range", JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_INT);
    private static final MethodHandle POSIX_FADVISE =
            bind("posix_fadvise", JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_INT);
    private static final MethodHandle FSTATFS = bind("fstatfs", JAVA_INT, JAVA_INT, JAVA_LONG);
    private static final MethodHandle PIPE2 = bind("pipe2", JAVA_INT, JAVA_LONG, JAVA_INT);
    private static final MethodHandle READ =
            bind("read", JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_LONG);
    private static final MethodHandle WRITE =
            bind("write", JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_LONG);
    private static final MethodHandle POLL = bind("poll", JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_INT);
    private static final MethodHandle PREAD =
            bind("pread", JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_LONG);
    private static final MethodHandle PWRITE =
            bind("pwrite", JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_LONG);
    private static final MethodHandle MMAP =
            bind("mmap", JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_LONG);
    private static final MethodHandle MUNMAP = bind("munmap", JAVA_INT, JAVA_LONG, JAVA_LONG);
    private static final MethodHandle MPROTECT =
            bind("mprotect", JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_INT);
    private static final MethodHandle MINCORE =
            bind("mincore", JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_LONG);
    private static final MethodHandle MLOCK = bind("mlock", JAVA_INT, JAVA_LONG, JAVA_LONG);
    private static final MethodHandle MUNLOCK = bind("munlock", JAVA_INT, JAVA_LONG, JAVA_LONG);
    private static final MethodHandle IOCTL =
            bindVariadic("ioctl", 2, JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_LONG);
    private static final MethodHandle PROCESS_VM_WRITEV =
            bind(
                    "process_vm_writev",
                    JAVA_LONG,
                    JAVA_INT,
                    JAVA_LONG,
                    JAVA_LONG,
                    JAVA_LONG,
                    JAVA_LONG,
                    JAVA_LONG);
    private static final MethodHandle PROCESS_VM_READV =
            bind(
                    "process_vm_readv",
                    JAVA_LONG,
                    JAVA_INT,
                    JAVA_LONG,
                    JAVA_LONG,
                    JAVA_LONG,
                    JAVA_LONG,
                    JAVA_LONG);
    private static final MethodHandle PRCTL =
            bindVariadic("prctl", 1, JAVA_INT, JAVA_INT, JAVA_LONG);
    private static final MethodHandle GETPID = bind("getpid", JAVA_INT);
    private static final MethodHandle GETPPID = bind("getppid", JAVA_INT);

    private final MemorySegment state;
    private int errno;

    /** A binding whose errno block lives in {@code arena}. */
    Libc(Arena arena) {
        this.state = arena.allocate(CAPTURE);
    }

    /** The errno of the last call that failed. */
    int errno() {
        return errno;
    }

    private static MethodHandle bind(String name, MemoryLayout ret, MemoryLayout... args) {
        var fd = FunctionDescriptor.of(ret, args);
        var symbol =
                LINKER.defaultLookup()
                        .find(name)
                        .orElseThrow(
                                () ->
                                        new UnsatisfiedLinkError(
                                                "the C library has no "
                                                        + name
                                                        + "; the Linux adapter needs glibc or musl on x86_64"));
        return LINKER.downcallHandle(symbol, fd, ERRNO_OPTION);
    }

    private static MethodHandle bindVariadic(
            String name, int firstVariadic, MemoryLayout ret, MemoryLayout... args) {
        var fd = FunctionDescriptor.of(ret, args);
        var symbol =
                LINKER.defaultLookup()
                        .find(name)
                        .orElseThrow(
                                () -> new UnsatisfiedLinkError("the C library has no " + name));
        return LINKER.downcallHandle(
                symbol, fd, ERRNO_OPTION, Linker.Option.firstVariadicArg(firstVariadic));
    }

    private long fail(long r) {
        if (r < 0) errno = (int) ERRNO.get(state, 0L);
        return r;
    }

    private static RuntimeException broken(Throwable t) {
        if (t instanceof RuntimeException r) return r;
        if (t instanceof Error e) throw e;
        return new IllegalStateException("native call failed in the linker: " + t, t);
    }

    // ---- files ----

    int memfdCreate(String name) {
        try (Arena a = Arena.ofConfined()) {
            return (int)
                    fail((int) MEMFD_CREATE.invokeExact(state, a.allocateFrom(name), MFD_CLOEXEC));
        } catch (Throwable t) {
            throw broken(t);
        }
    }

    int open(String path, int flags, int mode) {
        try (Arena a = Arena.ofConfined()) {
            return (int) fail((int) OPEN.invokeExact(state, a.allocateFrom(path), flags, mode));
        } catch (Throwable t) {
            throw broken(t);
        }
    }

    int close(int fd) {
        try {
            return (int) fail((int) CLOSE.invokeExact(state, fd));
        } catch (Throwable t) {
            throw broken(t);
        }
    }

    int ftruncate(int fd, long length) {
        try {
            return (int) fail((int) FTRUNCATE.invokeExact(state, fd, length));
        } catch (Throwable t) {
            throw broken(t);
        }
    }

    int fallocate(int fd, int mode, long offset, long length) {
        try {
            return (int) fail((int) FALLOCATE.invokeExact(state, fd, mode, offset, length));
        } catch (Throwable t) {
            throw broken(t);
        }
    }

    int syncFileRange(int fd, long offset, long length, int flags) {
        try {
            return (int) fail((int) SYNC_FILE_RANGE.invokeExact(state, fd, offset, length, flags));
        } catch (Throwable t) {
            throw broken(t);
        }
    }

    /** posix_fadvise returns the error number itself (0 on success) rather than setting errno. */
    int posixFadvise(int fd, long offset, long length, int advice) {
        try {
            return (int) POSIX_FADVISE.invokeExact(state, fd, offset, length, advice);
        } catch (Throwable t) {
            throw broken(t);
        }
    }

    /** The file system type ({@code f_type}) of the file {@code fd} is on, or -1 with errno. */
    long fsType(int fd) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment buf =
                    a.allocate(256, 8); // struct statfs is 120 bytes on x86_64; f_type comes first
            int r = (int) FSTATFS.invokeExact(state, fd, buf.address());
            if (r < 0) return fail(r);
            return buf.get(JAVA_LONG, 0);
        } catch (Throwable t) {
            throw broken(t);
        }
    }

    /** {@code fds} receives the read end at 0 and the write end at 4. */
    int pipe2(long fds, int flags) {
        try {
            return (int) fail((int) PIPE2.invokeExact(state, fds, flags));
        } catch (Throwable t) {
            throw broken(t);
        }
    }

    long read(int fd, long buf, long count) {
        try {
            return fail((long) READ.invokeExact(state, fd, buf, count));
        } catch (Throwable t) {
            throw broken(t);
        }
    }

    long write(int fd, long buf, long count) {
        try {
            return fail((long) WRITE.invokeExact(state, fd, buf, count));
        } catch (Throwable t) {
            throw broken(t);
        }
    }

    /** {@code fds} is an array of {@code struct pollfd} (int fd, short events, short revents). */
    int poll(long fds, long count, int timeoutMillis) {
        try {
            return (int) fail((int) POLL.invokeExact(state, fds, count, timeoutMillis));
        } catch (Throwable t) {
            throw broken(t);
        }
    }

    long pread(int fd, long buf, long count, long offset) {
        try {
            return fail((long) PREAD.invokeExact(state, fd, buf, count, offset));
        } catch (Throwable t) {
            throw broken(t);
        }
    }

    long pwrite(int fd, long buf, long count, long offset) {
        try {
            return fail((long) PWRITE.invokeExact(state, fd, buf, count, offset));
        } catch (Throwable t) {
            throw broken(t);
        }
    }

    // ---- memory ----

    /** Returns the mapping's address, or {@link #MAP_FAILED} with errno. */
    long mmap(long addr, long length, int prot, int flags, int fd, long offset) {
        try {
            return fail((long) MMAP.invokeExact(state, addr, length, prot, flags, fd, offset));
        } catch (Throwable t) {
            throw broken(t);
        }
    }

    int munmap(long addr, long length) {
        try {
            return (int) fail((int) MUNMAP.invokeExact(state, addr, length));
        } catch (Throwable t) {
            throw broken(t);
        }
    }

    int mprotect(long addr, long length, int prot) {
        try {
            return (int) fail((int) MPROTECT.invokeExact(state, addr, length, prot));
        } catch (Throwable t) {
            throw broken(t);
        }
    }

    /** {@code vec} must hold one byte per page of the range. */
    int mincore(long addr, long length, long vec) {
        try {
            return (int) fail((int) MINCORE.invokeExact(state, addr, length, vec));
        } catch (Throwable t) {
            throw broken(t);
        }
    }

    int mlock(long addr, long length) {
        try {
            return (int) fail((int) MLOCK.invokeExact(state, addr, length));
        } catch (Throwable t) {
            throw broken(t);
        }
    }

    int munlock(long addr, long length) {
        try {
            return (int) fail((int) MUNLOCK.invokeExact(state, addr, length));
        } catch (Throwable t) {
            throw broken(t);
        }
    }

    /** An ioctl whose argument is a pointer. */
    int ioctl(int fd, long request, long arg) {
        try {
            return (int) fail((int) IOCTL.invokeExact(state, fd, request, arg));
        } catch (Throwable t) {
            throw broken(t);
        }
    }

    long processVmWritev(
            int pid, long localIov, long localCount, long remoteIov, long remoteCount) {
        try {
            return fail(
                    (long)
                            PROCESS_VM_WRITEV.invokeExact(
                                    state, pid, localIov, localCount, remoteIov, remoteCount, 0L));
        } catch (Throwable t) {
            throw broken(t);
        }
    }

    long processVmReadv(int pid, long localIov, long localCount, long remoteIov, long remoteCount) {
        try {
            return fail(
                    (long)
                            PROCESS_VM_READV.invokeExact(
                                    state, pid, localIov, localCount, remoteIov, remoteCount, 0L));
        } catch (Throwable t) {
            throw broken(t);
        }
    }

    // ---- processes ----

    int prctl(int option, long arg) {
        try {
            return (int) fail((int) PRCTL.invokeExact(state, option, arg));
        } catch (Throwable t) {
            throw broken(t);
        }
    }

    int getpid() {
        try {
            return (int) GETPID.invokeExact(state);
        } catch (Throwable t) {
            throw broken(t);
        }
    }

    int getppid() {
        try {
            return (int) GETPPID.invokeExact(state);
        } catch (Throwable t) {
            throw broken(t);
        }
    }

    /** "EFAULT" for 14, and so on; the number itself for values the adapter never expects. */
    static String errnoName(int e) {
        return switch (e) {
            case EPERM -> "EPERM";
            case EINTR -> "EINTR";
            case EAGAIN -> "EAGAIN";
            case EPIPE -> "EPIPE";
            case ENOENT -> "ENOENT";
            case ESRCH -> "ESRCH";
            case EIO -> "EIO";
            case EBADF -> "EBADF";
            case ENOMEM -> "ENOMEM";
            case EACCES -> "EACCES";
            case EFAULT -> "EFAULT";
            case EEXIST -> "EEXIST";
            case EINVAL -> "EINVAL";
            case ENOTTY -> "ENOTTY";
            case EOPNOTSUPP -> "EOPNOTSUPP";
            default -> "errno " + e;
        };
    }
}
