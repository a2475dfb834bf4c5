package xmemck.glue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import xmemck.ops.Addr;
import xmemck.ops.Call;
import xmemck.ops.Context;
import xmemck.ops.PageState;
import xmemck.ops.Prot;
import xmemck.ops.Setup;

/** The feature words and the operation-language values they stand for. */
class ParameterTypesTest {

    @Test
    void addressesAreAnObjectPlusAnOffsetOrASpecialPlace() {
        assertEquals(new Addr.In("ubuf", 0), ParameterTypes.toAddr("ubuf"));
        assertEquals(new Addr.In("ubuf", 4095), ParameterTypes.toAddr("ubuf+4095"));
        assertEquals(new Addr.In("ubuf", -8), ParameterTypes.toAddr("ubuf-8"));
        assertEquals(new Addr.In("ubuf", 64, 3), ParameterTypes.toAddr("ubuf+64 (ADI version 3)"));
        assertEquals(new Addr.Special(Addr.Place.NULL, 0), ParameterTypes.toAddr("null address"));
        assertEquals(
                new Addr.Special(Addr.Place.USER_BLOCK, 128),
                ParameterTypes.toAddr("user block+128"));
        assertEquals(
                new Addr.Special(Addr.Place.KERNEL, 0), ParameterTypes.toAddr("kernel address"));
        assertEquals(
                new Addr.Special(Addr.Place.UNMAPPED, 0),
                ParameterTypes.toAddr("unmapped address"));
    }

    @Test
    void aFilePageOffsetIsAnOffsetInTheSegmentPageAfterPage() {
        assertEquals(
                new Addr.In("seg", 4096 + 100),
                ParameterTypes.toAddr("offset 100 of file page 1 of seg"));
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> ParameterTypes.toAddr("offset 4096 of file page 0 of seg"));
        assertTrue(e.getMessage().contains("past the end of the page"), e.getMessage());
    }

    @Test
    void aBadAddressNamesTheWords() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> ParameterTypes.toAddr("ubuf+"));
        assertTrue(e.getMessage().startsWith("not an address: \"ubuf+\""), e.getMessage());
    }

    @Test
    void theAddressPatternAcceptsWhatTheConversionAccepts() {
        for (String text :
                List.of(
                        "ubuf",
                        "ubuf+1",
                        "ubuf-4096",
                        "k.b_2+7 (ADI version 15)",
                        "null address+16",
                        "user block",
                        "offset 0 of file page 3 of seg")) {
            assertTrue(text.matches(ParameterTypes.ADDR), text);
            ParameterTypes.toAddr(text);
        }
        assertTrue(!"ubuf +1".matches(ParameterTypes.ADDR));
    }

    @Test
    void callersAreAProcessAKernelProcessOrAnInterruptHandler() {
        assertEquals(Context.process("p1"), ParameterTypes.toContext("process p1"));
        assertEquals(Context.kernelProcess(), ParameterTypes.toContext("a kernel process"));
        assertEquals(Context.interrupt(), ParameterTypes.toContext("an interrupt handler"));
    }

    @Test
    void constantsAreTheHeaderNamesOrNumbers() {
        assertEquals(Call.SYS_ADSPACE, ParameterTypes.toSegflag("SYS_ADSPACE"));
        assertEquals(7, ParameterTypes.toSegflag("7"));
        assertEquals(Call.VM_MVC_PROTZERO, ParameterTypes.toCommand("VM_MVC_PROTZERO"));
        assertEquals(-1, ParameterTypes.toCommand("-1"));
        assertEquals(
                Set.of((long) Call.ENOENT, (long) Call.EINVAL),
                ParameterTypes.toReturns("ENOENT or EINVAL"));
        assertEquals(Set.of(0L, -1L), ParameterTypes.toReturns("0 or -1"));
        assertEquals(Set.of((long) Call.XMEM_FAIL), ParameterTypes.toReturns("XMEM_FAIL"));
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> ParameterTypes.toSegflag("99999999999"));
        assertTrue(
                e.getMessage().contains("segflag must be a whole number that fits in an int"),
                e.getMessage());
    }

    @Test
    void protectionsReadBothWays() {
        for (Prot p : Prot.values())
            assertEquals(p, ParameterTypes.toProt(ParameterTypes.protWord(p)));
    }

    @Test
    void pageConditionsBecomeTheirSetUpOperations() {
        assertEquals(
                new Setup.Protect("u", 1, 2, Prot.READ),
                PageCondition.fromWords("read-only").op("u", 1, 2));
        assertEquals(new Setup.Unmap("u", 0, 1), PageCondition.fromWords("unmapped").op("u", 0, 1));
        assertEquals(
                new Setup.SetPageState("u", 3, 1, PageState.PAGING_IO_ERROR),
                PageCondition.fromWords("failing with a paging I/O error").op("u", 3, 1));
        assertEquals(new Setup.Pin("u", 0, 4), PageCondition.fromWords("pinned").op("u", 0, 4));
        for (PageCondition c : PageCondition.values())
            assertTrue(c.words.matches(ParameterTypes.CONDITION), c.words);
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class, () -> PageCondition.fromWords("sleepy"));
        assertTrue(e.getMessage().contains("unknown page condition \"sleepy\""), e.getMessage());
    }

    @Test
    void seedsDifferByNameAndNeverChange() {
        assertEquals(Seeds.of("ubuf"), Seeds.of("ubuf"));
        assertTrue(Seeds.of("ubuf") != Seeds.of("kbuf"));
        assertEquals(0xaf63dc4c8601ec8cL, Seeds.of("a"), "FNV-1a of \"a\"");
    }
}
