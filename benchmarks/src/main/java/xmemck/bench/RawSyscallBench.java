package xmemck.bench;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The limit for the Linux adapter: the raw system calls it maps the services onto, called through
 * the Foreign Function & Memory API with nothing around them. {@code pread}: 64 bytes from a memfd
 * into memory (copyout's path, copy_to_user); {@code processVmWritev}: 64 bytes into this process
 * through process_vm_writev; {@code processVmWritevToAnotherProcess}: the same into another
 * process, as xmemout does (the Linux adapter writes into a helper process, which costs the kernel
 * more than a write into the caller's own memory: it looks up and pins the other address space's
 * pages). The target is a {@code sleep} started for the benchmark; the bytes land in the last page
 * of its heap, which it never reads.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class RawSyscallBench {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final MethodHandle MEMFD_CREATE =
            bind("memfd_create", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle PWRITE =
            bind(
                    "pwrite",
                    FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_LONG));
    private static final MethodHandle PREAD =
            bind(
                    "pread",
                    FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_LONG));
    private static final MethodHandle CLOSE =
            bind("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle GETPID = bind("getpid", FunctionDescriptor.of(JAVA_INT));
    private static final MethodHandle PROCESS_VM_WRITEV =
            bind(
                    "process_vm_writev",
                    FunctionDescriptor.of(
                            JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG,
                            JAVA_LONG));

    private static MethodHandle bind(String name, FunctionDescriptor fd) {
        return LINKER.downcallHandle(LINKER.defaultLookup().find(name).orElseThrow(), fd);
    }

    @State(Scope.Thread)
    public static class Native {
        Arena arena;
        int fd;
        int pid;
        MemorySegment source;
        MemorySegment destination;
        MemorySegment localIov;
        MemorySegment remoteIov;

        @Setup(Level.Trial)
        public void open() throws Throwable {
            arena = Arena.ofConfined();
            source = arena.allocate(4096, 4096);
            destination = arena.allocate(4096, 4096);
            fd = (int) MEMFD_CREATE.invokeExact(arena.allocateFrom("xmemck-bench"), 0);
            if (fd < 0) throw new IllegalStateException("memfd_create failed");
            long n = (long) PWRITE.invokeExact(fd, source, 4096L, 0L);
            if (n != 4096) throw new IllegalStateException("pwrite failed");
            pid = (int) GETPID.invokeExact();
            localIov = arena.allocate(16, 8);
            remoteIov = arena.allocate(16, 8);
            localIov.set(ADDRESS, 0, source);
            localIov.set(JAVA_LONG, 8, 64);
            remoteIov.set(ADDRESS, 0, destination.asSlice(100));
            remoteIov.set(JAVA_LONG, 8, 64);
        }

        @TearDown(Level.Trial)
        public void close() throws Throwable {
            int rc = (int) CLOSE.invokeExact(fd);
            arena.close();
        }
    }

    /** A {@code sleep} process and a 64-byte place in its heap. */
    @State(Scope.Thread)
    public static class Another {
        Arena arena;
        Process other;
        MemorySegment localIov;
        MemorySegment remoteIov;

        @Setup(Level.Trial)
        public void open() throws Exception {
            other = new ProcessBuilder("sleep", "100000").start();
            long heapEnd = 0;
            for (int tries = 0; heapEnd == 0 && tries < 100; tries++) {
                for (String line :
                        java.nio.file.Files.readAllLines(
                                java.nio.file.Path.of("/proc/" + other.pid() + "/maps"))) {
                    if (line.endsWith("[heap]") && line.contains(" rw-p "))
                        heapEnd =
                                Long.parseUnsignedLong(
                                        line.substring(line.indexOf('-') + 1, line.indexOf(' ')),
                                        16);
                }
                if (heapEnd == 0) Thread.sleep(10); // the child may not have its heap yet
            }
            if (heapEnd == 0) throw new IllegalStateException("no heap in the sleep process");
            arena = Arena.ofConfined();
            MemorySegment source = arena.allocate(64, 8);
            localIov = arena.allocate(16, 8);
            remoteIov = arena.allocate(16, 8);
            localIov.set(ADDRESS, 0, source);
            localIov.set(JAVA_LONG, 8, 64);
            remoteIov.set(JAVA_LONG, 0, heapEnd - 128);
            remoteIov.set(JAVA_LONG, 8, 64);
        }

        @TearDown(Level.Trial)
        public void close() {
            other.destroyForcibly();
            arena.close();
        }
    }

    @Benchmark
    public long pread(Native n) throws Throwable {
        return (long) PREAD.invokeExact(n.fd, n.destination.asSlice(100), 64L, 8L);
    }

    @Benchmark
    public long processVmWritev(Native n) throws Throwable {
        return (long) PROCESS_VM_WRITEV.invokeExact(n.pid, n.localIov, 1L, n.remoteIov, 1L, 0L);
    }

    @Benchmark
    public long processVmWritevToAnotherProcess(Another a) throws Throwable {
        long n =
                (long)
                        PROCESS_VM_WRITEV.invokeExact(
                                (int) a.other.pid(), a.localIov, 1L, a.remoteIov, 1L, 0L);
        if (n != 64) throw new IllegalStateException("process_vm_writev wrote " + n);
        return n;
    }
}
