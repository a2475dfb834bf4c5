package xmemck.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import org.junit.jupiter.api.Test;
import xmemck.ops.Prot;

/**
 * The PROCMAP_QUERY ioctl and the text of /proc/PID/maps answer alike, for every protection and for
 * a hole (on a kernel older than 6.11 both read the text).
 */
class ProcMapsTest {

    @Test
    void theIoctlAndTheTextAgree() throws Exception {
        try (Arena arena = Arena.ofShared()) {
            Libc c = new Libc(arena);
            KitSpace kit = new KitSpace(c, arena);
            int page = Geometry.PAGE;
            long base =
                    c.mmap(
                            0,
                            4L * page,
                            Libc.PROT_READ | Libc.PROT_WRITE,
                            Libc.MAP_PRIVATE | Libc.MAP_ANONYMOUS,
                            -1,
                            0);
            assertTrue(base != Libc.MAP_FAILED);
            try {
                kit.protect(base + page, page, Space.READ);
                kit.protect(base + 2L * page, page, Space.NONE);
                kit.unmap(base + 3L * page, page);
                ProcMaps quick = new ProcMaps(c, arena), text = new ProcMaps(c, arena, false);
                Prot[] want = {Prot.READ_WRITE, Prot.READ, Prot.NONE, Prot.NONE};
                for (int p = 0; p < 4; p++) {
                    long a = base + (long) p * page + 100;
                    assertEquals(want[p], quick.protection(kit, a), "page " + p + " by ioctl");
                    assertEquals(want[p], text.protection(kit, a), "page " + p + " from the text");
                    assertEquals(
                            p == 3, quick.unmapped(kit, a), "page " + p + " unmapped, by ioctl");
                    assertEquals(
                            p == 3,
                            text.unmapped(kit, a),
                            "page " + p + " unmapped, from the text");
                }
                assertFalse(text.quick());
            } finally {
                c.munmap(base, 4L * page);
                kit.close();
            }
        }
    }
}
