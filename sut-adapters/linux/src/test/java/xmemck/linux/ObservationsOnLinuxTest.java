package xmemck.linux;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static xmemck.linux.Scenarios.*;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import xmemck.ops.Call;
import xmemck.ops.Fill;
import xmemck.ops.Layout;
import xmemck.ops.Observe;
import xmemck.ops.Op;
import xmemck.ops.PageDigest;
import xmemck.ops.PageState;
import xmemck.ops.Prot;
import xmemck.ops.Result;
import xmemck.ops.Setup;
import xmemck.spi.Capability;
import xmemck.spi.Sut;
import xmemck.spi.SutOptions;

/**
 * The kit's privileged view: every page reads whatever its protection, and digests see what bytes
 * see.
 */
class ObservationsOnLinuxTest {
    static Sut sut;
    static final int PAGE = Layout.PAGE_SIZE;

    /**
     * Large enough that a whole-object digest takes several chunks ({@link Observer#DIGEST_CHUNK}),
     * with the hole across the boundary between the first two (the first chunk starts at the
     * leading guard page).
     */
    static final int PAGES = 600;

    static final int CHUNK_PAGES = Observer.DIGEST_CHUNK / PAGE;

    @BeforeAll
    static void open() throws Exception {
        sut = new LinuxProvider().open(SutOptions.none());
    }

    @AfterAll
    static void close() {
        sut.close();
    }

    private static void build(Op... ops) throws Exception {
        sut.reset();
        for (Op op : ops) {
            Result r = sut.apply(op);
            assertEquals(new Result.Done(), r, op.describe());
        }
    }

    private static Result.Bytes bytes(Observe.Bytes b) throws Exception {
        return (Result.Bytes) sut.apply(b);
    }

    private static Result.Digest digest(Observe.Digest d) throws Exception {
        return (Result.Digest) sut.apply(d);
    }

    /**
     * A hole across the first chunk boundary, a no-access page and a read-only page in region
     * {@code name}.
     */
    private static List<Setup> conditions(String name) {
        return List.of(
                new Setup.Unmap(name, CHUNK_PAGES - 2, 2),
                new Setup.Protect(name, 300, 1, Prot.NONE),
                new Setup.Protect(name, 400, 2, Prot.READ));
    }

    /**
     * The digests equal {@link PageDigest#of} of the bytes the same range reads as, and list the
     * same unreadable pages.
     */
    private static void assertDigestsMatchBytes(String object, long from, long length)
            throws Exception {
        Result.Bytes b = bytes(new Observe.Bytes(object, from, length));
        Result.Digest d = digest(new Observe.Digest(object, from, length));
        long[] want = new long[(int) (length / PAGE)];
        for (int i = 0; i < want.length; i++) want[i] = PageDigest.of(b.data(), i * PAGE);
        assertEquals(
                b.unreadablePages(),
                d.unreadablePages(),
                object + "[" + from + ", +" + length + ")");
        assertArrayEquals(want, d.digests(), object + "[" + from + ", +" + length + ")");
        for (long p : d.unreadablePages())
            assertEquals(PageDigest.ZERO_PAGE, d.digest((int) (p - Math.floorDiv(from, PAGE))));
    }

    @Test
    void digestsOfAHelpersRegionAreThoseOfItsBytes() throws Exception {
        build(process("p"), userRegion("u", "p", PAGES, 3));
        for (Setup s : conditions("u")) sut.apply(s);
        assertDigestsMatchBytes("u", -PAGE, (PAGES + 2L) * PAGE);
        assertEquals(
                List.of((long) CHUNK_PAGES - 2, (long) CHUNK_PAGES - 1),
                digest(Observe.Digest.whole("u", (long) PAGES * PAGE)).unreadablePages());
        assertDigestsMatchBytes("u", 290L * PAGE, 20L * PAGE);
    }

    @Test
    void digestsOfKernelMemoryAreThoseOfItsBytes() throws Exception {
        build(kernelRegion("k", PAGES, 4));
        for (Setup s : conditions("k")) sut.apply(s);
        assertDigestsMatchBytes("k", -PAGE, (PAGES + 2L) * PAGE);
    }

    @Test
    void digestsOfAFileSegmentAreThoseOfItsBytes() throws Exception {
        build(
                new Setup.CreateFileSegment("f", PAGES, 5),
                new Setup.SetFrame("f", 7, false),
                new Setup.SetFrame("f", 8, false),
                new Setup.Protect("f", 300, 1, Prot.NONE),
                new Setup.Protect("f", 400, 1, Prot.READ));
        assertDigestsMatchBytes("f", -PAGE, (PAGES + 2L) * PAGE);
        assertEquals(
                List.of(),
                digest(Observe.Digest.whole("f", (long) PAGES * PAGE)).unreadablePages());
    }

    @Test
    void aDeletedSegmentDigestsAsUnreadablePagesBetweenItsGuards() throws Exception {
        build(process("p"), userRegion("u", "p", 3, 6), new Setup.DeleteSegment("u"));
        Result.Digest d = digest(Observe.Digest.whole("u", 3L * PAGE));
        assertEquals(List.of(0L, 1L, 2L), d.unreadablePages());
        assertEquals(PageDigest.of(Fill.bytes(6, -PAGE, PAGE), 0), d.digest(0));
        assertDigestsMatchBytes("u", -PAGE, 5L * PAGE);
    }

    /**
     * The model's digests (the harness compares every page with them): the adapter computes the
     * same function.
     */
    @Test
    void theHarnessAgreesWithTheDigests() {
        assertPass(
                run(
                        sut,
                        List.of(
                                process("p"),
                                userRegion("u", "p", 20, 9),
                                kernelRegion("k", 20, 10),
                                new Setup.Protect("u", 3, 1, Prot.NONE),
                                new Setup.Unmap("u", 5, 2),
                                new Setup.Protect("k", 4, 1, Prot.NONE),
                                Observe.Digest.whole("u", 20L * PAGE),
                                Observe.Digest.whole("k", 20L * PAGE),
                                new Observe.Digest("u", 2L * PAGE, 4L * PAGE))));
    }

    /**
     * Looking changes nothing: a paged-out page that is observed stays paged out, and a later call
     * still pages it in.
     */
    @Test
    void anObservationPagesNothingIn() throws Exception {
        Assumptions.assumeTrue(
                sut.capabilities().supported().contains(Capability.PAGED_OUT_PAGES),
                "paged-out pages are not supported here");
        build(
                process("p"),
                userRegion("u", "p", 3, 7),
                kernelRegion("k", 3, 8),
                new Setup.SetPageState("u", 1, 1, PageState.PAGED_OUT),
                new Setup.SetPageState("k", 0, 3, PageState.PAGED_OUT),
                new Setup.Protect("u", 1, 1, Prot.NONE));
        assertArrayEquals(
                Fill.bytes(7, -PAGE, 5 * PAGE), bytes(Observe.Bytes.whole("u", 3L * PAGE)).data());
        assertArrayEquals(
                Fill.bytes(8, PAGE - 10, PAGE + 20),
                bytes(new Observe.Bytes("k", PAGE - 10, PAGE + 20)).data());
        Result.Digest d = digest(Observe.Digest.whole("k", 3L * PAGE));
        assertEquals(PageDigest.of(Fill.bytes(8, 0, PAGE), 0), d.digest(1));
        assertFalse(resident("u", 1), "observing paged page 1 of u in");
        for (int p = 0; p < 3; p++)
            assertFalse(resident("k", p), "observing paged page " + p + " of k in");
        // the kernel's own read, for a call, is a real page-in
        sut.apply(new Setup.Protect("u", 1, 1, Prot.READ_WRITE));
        Result r = sut.apply(new Call.Copyout(P, at("k", 0), at("u", PAGE), 64));
        assertEquals(0, ((Result.Returned) r).value(), r.toString());
        assertTrue(resident("u", 1));
    }

    /**
     * Whether the page-cache page behind page {@code page} of region {@code name} is in memory
     * ({@code mincore} on the kit's mapping).
     */
    private static boolean resident(String name, int page) {
        World w = ((LinuxSut) sut).world();
        Region r = w.regions.get(name);
        Region.View v = r.mirror != null ? r.mirror : r.home;
        assertEquals(0, w.c.mincore(v.pageAddress(page), PAGE, w.scratch.vec.address()), "mincore");
        return (w.scratch.vec.get(java.lang.foreign.ValueLayout.JAVA_BYTE, 0) & 1) != 0;
    }

    /**
     * Read every page: no access, read-only, and both, in a helper, in the kit's own memory and in
     * a file segment.
     */
    @Test
    void noAccessPagesReadBackEverywhere() throws Exception {
        int pages = 4;
        long size = (long) pages * PAGE;
        byte[] userFill = Fill.bytes(1, -PAGE, (int) size + 2 * PAGE);
        byte[] kernelFill = Fill.bytes(2, -PAGE, (int) size + 2 * PAGE);
        byte[] segmentFill = Fill.bytes(3, -PAGE, (int) size + 2 * PAGE);
        build(
                process("p"),
                userRegion("u", "p", pages, 1),
                kernelRegion("k", pages, 2),
                new Setup.CreateFileSegment("f", pages, 3),
                new Setup.Protect("u", 1, 1, Prot.NONE),
                new Setup.Protect("u", 2, 1, Prot.READ),
                new Setup.Protect("k", 0, 1, Prot.NONE),
                new Setup.Protect("k", 3, 1, Prot.READ),
                new Setup.Protect("f", 1, 2, Prot.NONE));
        for (var want :
                List.of(
                        new Object[] {"u", userFill},
                        new Object[] {"k", kernelFill},
                        new Object[] {"f", segmentFill})) {
            String name = (String) want[0];
            Result.Bytes b = bytes(Observe.Bytes.whole(name, size));
            assertEquals(List.of(), b.unreadablePages(), name);
            assertArrayEquals((byte[]) want[1], b.data(), name);
            // and a range that starts and ends inside no-access pages
            Result.Bytes part = bytes(new Observe.Bytes(name, PAGE + 100, PAGE));
            assertEquals(List.of(), part.unreadablePages(), name);
            assertArrayEquals(
                    java.util.Arrays.copyOfRange((byte[]) want[1], 2 * PAGE + 100, 3 * PAGE + 100),
                    part.data(),
                    name);
        }
    }
}
