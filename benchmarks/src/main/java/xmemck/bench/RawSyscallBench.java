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
 * through process_vm_writev (xmemout's path).
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

    @Benchmark
    public long pread(Native n) throws Throwable {
        return (long) PREAD.invokeExact(n.fd, n.destination.asSlice(100), 64L, 8L);
    }

    @Benchmark
    public long processVmWritev(Native n) throws Throwable {
        return (long) PROCESS_VM_WRITEV.invokeExact(n.pid, n.localIov, 1L, n.remoteIov, 1L, 0L);
    }
}
