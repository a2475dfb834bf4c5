package xmemck.linux;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import xmemck.ops.Call;
import xmemck.ops.Observe;
import xmemck.ops.Op;
import xmemck.ops.Result;
import xmemck.ops.Setup;
import xmemck.spi.Capabilities;
import xmemck.spi.Capability;
import xmemck.spi.Sut;
import xmemck.spi.SutFailure;
import xmemck.spi.SutOptions;

/**
 * The host's Linux kernel as the implementation under test. Each op is carried out with real system
 * calls; see the module's README for how each service and condition maps onto the kernel.
 */
final class LinuxSut implements Sut {
    private final Arena arena = Arena.ofShared();
    private final Libc c = new Libc(arena);
    private final KitSpace kit = new KitSpace(c, arena);
    private final Scratch scratch = new Scratch();
    private final HelperPool pool;
    private final PagingStore paging;
    private final World world;
    private final CopyoutService copyout;
    private final XmemService xmem;
    private final VmMvcService vmMvc;
    private final Observer observer;
    private final Capabilities capabilities;
    private final String name;
    private boolean closed;

    LinuxSut(SutOptions options) {
        this.pool = new HelperPool(c, kit.pid(), options.callTimeout());
        this.paging =
                new PagingStore(
                        c, Path.of(options.get("pagingDir", System.getProperty("java.io.tmpdir"))));
        boolean reuse = Boolean.parseBoolean(options.get("reuse", "true"));
        this.world =
                new World(
                        c,
                        kit,
                        scratch,
                        new ProcMaps(c, arena),
                        pool,
                        paging,
                        new RegionPool(c, reuse));
        this.copyout = new CopyoutService(world);
        this.xmem = new XmemService(world);
        this.vmMvc = new VmMvcService(world);
        this.observer = new Observer(world);
        this.capabilities = LinuxCapabilities.of(world.whyNoPaging());
        this.name = "Linux " + release() + " (x86_64)";
    }

    private static String release() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/osrelease")).trim();
        } catch (IOException e) {
            return "(release unknown)";
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Capabilities capabilities() {
        return capabilities;
    }

    @Override
    public Map<String, String> emulatedClauses() {
        return EmulatedClauses.CLAUSES;
    }

    @Override
    public Result apply(Op op) throws SutFailure {
        Result r = applyOne(op);
        pool.flush();
        return r;
    }

    /**
     * The same results as one by one; what the set-ups queue for the helpers is sent once, at the
     * end.
     */
    @Override
    public List<Result> applyAll(List<? extends Op> ops) throws SutFailure {
        List<Result> out = new ArrayList<>(ops.size());
        for (Op op : ops) out.add(applyOne(op));
        pool.flush();
        return out;
    }

    private Result applyOne(Op op) throws SutFailure {
        if (closed) throw new SutFailure(SutFailure.Kind.INTERNAL, "the Linux adapter was closed");
        // The harness asks only for what the capabilities cover; other callers get the same answer
        // here.
        var missing = capabilities.whyNot(Capability.requiredBy(op));
        if (missing.isPresent()) return new Result.Unsupported(missing.get());
        try {
            return switch (op) {
                case Setup s -> world.apply(s);
                case Call.Copyout x -> copyout.copyout(x);
                case Call.DdiCopyout x -> copyout.ddiCopyout(x);
                case Call.XxIoctl x -> copyout.ioctl(x);
                case Call.Xmattach x -> xmem.xmattach(x);
                case Call.Xmdetach x -> xmem.xmdetach(x);
                case Call.Xmemout x -> xmem.xmemout(x);
                case Call.VmMvc x -> vmMvc.vmMvc(x);
                case Observe.Bytes b -> observer.bytes(b);
                case Observe.Digest d -> observer.digest(d);
                case Observe.Protection p -> observer.protection(p);
            };
        } catch (CannotCreate e) {
            return new Result.Unsupported(e.getMessage());
        } catch (OsError e) {
            throw new SutFailure(
                    SutFailure.Kind.INTERNAL, op.describe() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void reset() throws SutFailure {
        if (closed) throw new SutFailure(SutFailure.Kind.INTERNAL, "the Linux adapter was closed");
        world.clear();
    }

    @Override
    public String drainDiagnostics() {
        return pool.drainDiagnostics();
    }

    /**
     * The world as built (for tests that look at what the kernel holds, such as whether a page is
     * resident).
     */
    World world() {
        return world;
    }

    /** Pids of the helper processes now running (for tests and diagnostics). */
    List<Long> helperPids() {
        return pool.pids();
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        try {
            world.close();
        } finally {
            pool.close();
            paging.close();
            kit.close();
            scratch.close();
            arena.close();
        }
    }
}
