package xmemck.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import xmemck.ops.PageState;
import xmemck.ops.Prot;
import xmemck.ops.Result;
import xmemck.ops.Setup;
import xmemck.spi.SutOptions;

/**
 * What one page-out leaves in the page cache must not keep the next page-out's pages in memory.
 * Reading a slot of the paging file back (a paged-out page paged out again has its bytes brought
 * home first; the kit looks at paged-out pages the same way) with read-ahead brought the slots
 * after it in as one large folio, as far as the file reached. POSIX_FADV_DONTNEED on a page or two
 * cannot evict such a folio, so the page-out into the next slots answered "the kernel kept page N
 * in memory" (unsupported), and the fuzzer counted an ERROR in a set-up the adapter declares. The
 * file keeps its length from one world to the next, so it took a world that paged out many pages,
 * and about 256,000 fuzz cases, to meet it; here the first world makes the file long.
 */
class PagingFileTest {
    private static final int PAGES = 64;

    @Test
    void aSlotReadBackLeavesItsNeighboursEvictable() throws Exception {
        try (LinuxSut sut =
                (LinuxSut) new LinuxProvider().open(new SutOptions(Map.of("reuse", "true")))) {
            assumeTrue(
                    sut.capabilities().supported().contains(xmemck.spi.Capability.PAGED_OUT_PAGES),
                    "pages cannot be paged out on this machine");
            sut.reset();
            sut.apply(new Setup.CreateProcess("p"));
            sut.apply(new Setup.MapRegion("u", "p", PAGES, Prot.READ_WRITE, 22));
            assertEquals(
                    new Result.Done(),
                    sut.apply(new Setup.SetPageState("u", 0, PAGES, PageState.PAGED_OUT)));

            sut.reset();
            sut.apply(new Setup.CreateProcess("p"));
            sut.apply(new Setup.MapRegion("u", "p", PAGES, Prot.READ_WRITE, 33));
            for (int p = 1; p < PAGES; p++) {
                // page p to the next slot, then pages p-1 and p together: page p's bytes are read
                // back from its slot first, and its neighbours go to the slots after it
                Result one = sut.apply(new Setup.SetPageState("u", p, 1, PageState.PAGED_OUT));
                Result two = sut.apply(new Setup.SetPageState("u", p - 1, 2, PageState.PAGED_OUT));
                assertEquals(Result.Done.class, one.getClass(), "page " + p + " of u: " + one);
                assertEquals(
                        Result.Done.class,
                        two.getClass(),
                        "pages " + (p - 1) + ".." + p + ": " + two);
            }
        }
    }
}
