package com.example.xmem;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;
import org.junit.jupiter.api.Test;
import xmemck.ops.Addr;
import xmemck.ops.Call;
import xmemck.ops.Context;
import xmemck.ops.Fill;
import xmemck.ops.Observe;
import xmemck.ops.Prot;
import xmemck.ops.Result;
import xmemck.ops.Setup;
import xmemck.spi.Adapters;
import xmemck.spi.Sut;
import xmemck.spi.SutFailure;
import xmemck.spi.SutOptions;

/** The implementation through the SPI alone, as the kit drives it: quick checks before the conformance suite. */
class ExampleSutTest {

    static final Context P1 = Context.process("p1");

    @Test
    void theKitFindsTheAdapterByItsId() {
        assertInstanceOf(ExampleProvider.class, Adapters.find(ExampleProvider.ID));
    }

    @Test
    void copyoutCopiesAndTouchesNothingElse() throws SutFailure {
        try (Sut sut = world()) {
            assertEquals(new Result.Returned(0), sut.apply(new Call.Copyout(P1, Addr.in("kbuf", 5), Addr.in("ubuf", 4000), 200)));
            byte[] seen = bytes(sut, "ubuf", -4096, 3 * 4096);
            for (int i = 0; i < seen.length; i++) {
                long offset = i - 4096;
                byte expected = offset >= 4000 && offset < 4200 ? Fill.byteAt(1, offset - 4000 + 5) : Fill.byteAt(2, offset);
                assertEquals(expected, seen[i], "byte at ubuf+" + offset);
            }
        }
    }

    @Test
    void copyoutIntoAReadOnlyPageFailsAndLeavesTheBufferAsItWas() throws SutFailure {
        try (Sut sut = world()) {
            sut.apply(new Setup.Protect("ubuf", 0, 1, Prot.READ));
            assertEquals(new Result.Returned(-1), sut.apply(new Call.Copyout(P1, Addr.in("kbuf", 0), Addr.in("ubuf", 0), 16)));
            assertArrayEquals(Fill.bytes(2, 0, 4096), bytes(sut, "ubuf", 0, 4096));
            assertEquals(new Result.Protection(Prot.READ), sut.apply(new Observe.Protection("ubuf", 0)));
        }
    }

    @Test
    void copyoutToTheUserBlockOrAKernelBufferFails() throws SutFailure {
        try (Sut sut = world()) {
            assertEquals(new Result.Returned(-1), sut.apply(new Call.Copyout(P1, Addr.in("kbuf", 0), Addr.special(Addr.Place.USER_BLOCK), 8)));
            assertEquals(new Result.Returned(-1), sut.apply(new Call.Copyout(P1, Addr.in("kbuf", 0), Addr.in("kbuf2", 0), 8)));
            assertEquals(new Result.Returned(0), sut.apply(new Call.DdiCopyout(P1, Addr.in("kbuf", 0), Addr.in("kbuf2", 0), 8, Call.FKIOCTL)),
                    "with FKIOCTL a kernel buffer is the destination");
        }
    }

    /** A process p1 with a 1-page user buffer ubuf (seed 2), and kernel buffers kbuf (seed 1) and kbuf2 (seed 3). */
    private static Sut world() throws SutFailure {
        Sut sut = Adapters.find(ExampleProvider.ID).open(SutOptions.none());
        for (Setup s : List.of(new Setup.CreateProcess("p1"), new Setup.MapRegion("ubuf", "p1", 1, Prot.READ_WRITE, 2),
                new Setup.MapRegion("kbuf", "kernel", 1, Prot.READ_WRITE, 1), new Setup.MapRegion("kbuf2", "kernel", 1, Prot.READ_WRITE, 3))) {
            assertEquals(new Result.Done(), sut.apply(s));
        }
        return sut;
    }

    private static byte[] bytes(Sut sut, String object, long from, long length) throws SutFailure {
        return assertInstanceOf(Result.Bytes.class, sut.apply(new Observe.Bytes(object, from, length))).data();
    }
}
