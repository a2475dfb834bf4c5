package xmemck.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class FailReasonTest {

    /** As the glue words a FAIL of the ioctl that returned copyout's -1 (shortened). */
    static final String IOCTL = """
            FAIL [copyout.fail.invalid-address, copyout.ioctl-efault, inv.no-write-outside, inv.source-unchanged, inv.failure-effect]
            copyout.fail.invalid-address: returned -1; allowed: 14 (EFAULT)
            inv.failure-effect: the call failed, so destination bytes may be unchanged
              ubuf+0: expected 0x3f, got 0x00
            call: process p calls xx_ioctl(XX_GETREGS, null address) returned -1""";

    @Test
    void findingsAreTheCatalogueIdsThatStartALineAfterTheFirst() {
        FailReason r = FailReason.parse(IOCTL);
        assertEquals(List.of("copyout.fail.invalid-address", "copyout.ioctl-efault", "inv.no-write-outside", "inv.source-unchanged",
                "inv.failure-effect"), r.judged());
        assertEquals(List.of("copyout.fail.invalid-address", "inv.failure-effect"), r.findings());
    }

    @Test
    void aClauseOfTheDepartedOutcomeCatchesButAnInvariantOnlyWhenAFindingNamesIt() {
        FailReason r = FailReason.parse(IOCTL);
        assertTrue(r.caughtOn("copyout.ioctl-efault"), "the second clause of the outcome the call departed from");
        assertTrue(r.caughtOn("copyout.fail.invalid-address"));
        assertTrue(r.caughtOn("inv.failure-effect"));
        assertFalse(r.caughtOn("inv.no-write-outside"), "checked, but not broken");
        assertFalse(r.caughtOn("copyout.succ"));
    }

    @Test
    void somethingElseIsRefusedWithWhatItWas() {
        var e = assertThrows(IllegalArgumentException.class, () -> FailReason.parse("features/x.feature:3: kit: oops"));
        assertTrue(e.getMessage().contains("not a FAIL reason") && e.getMessage().contains("kit: oops"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> FailReason.parse("FAIL [copyout.succ\ncopyout.succ: x]"));
        assertTrue(e.getMessage().contains("end its clause list"), e.getMessage());
    }

    @Test
    void faultListLinesNeedThreeTabSeparatedFields() {
        List<SeededFault> f = SeededFault.parse("a_fault\tcopyout.succ\tdrops bytes\n\n", "list");
        assertEquals(List.of(new SeededFault("a_fault", "copyout.succ", "drops bytes")), f);
        var e = assertThrows(IllegalArgumentException.class, () -> SeededFault.parse("ok\tcopyout.succ\tfine\nbroken copyout.succ\n", "list"));
        assertTrue(e.getMessage().startsWith("list, line 2: expected name, clause and description"), e.getMessage());
    }

    @Test
    void pathsWithOddCharactersAreQuotedForTheAdapter() {
        assertEquals("/opt/x/xmemck-c-example", SeededFaultsCaughtTest.quoted(java.nio.file.Path.of("/opt/x/xmemck-c-example")));
        assertEquals("'/my dir/it'\\''s'", SeededFaultsCaughtTest.quoted(java.nio.file.Path.of("/my dir/it's")));
    }
}
