package xmemck.glue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import xmemck.ops.Addr;
import xmemck.ops.Call;
import xmemck.ops.Context;
import xmemck.ops.Prot;
import xmemck.oracle.Alternative;
import xmemck.oracle.Data;
import xmemck.oracle.Effect;
import xmemck.oracle.Expectation;

/**
 * Each kind of claim agrees with the expectations that say the same and disagrees, in words, with
 * the others.
 */
class ClaimCheckTest {

    static final Call.Copyout COPY =
            new Call.Copyout(
                    Context.process("p1"), new Addr.In("kbuf", 0), new Addr.In("ubuf", 100), 8192);
    static final Addr.In UBUF = new Addr.In("ubuf", 100);
    static final Addr.In KBUF = new Addr.In("kbuf", 0);

    static Expectation one(long ret, Effect... effects) {
        return new Expectation.Allowed(
                List.of(new Alternative(ret, List.of(effects), List.of("c"), "")), List.of());
    }

    /** A success: all 8192 bytes. */
    static Effect.Write whole() {
        return new Effect.Write(
                "ubuf", 100, 8192, new Data.CopyOf("kbuf", 0), new Effect.Extent.Whole());
    }

    /** A failure that may store the given ranges (none: untouched). */
    static Effect.Write partial(Effect.Range... storable) {
        return new Effect.Write(
                "ubuf",
                100,
                8192,
                new Data.CopyOf("kbuf", 0),
                new Effect.Extent.Partial(List.of(storable)));
    }

    static Effect.Range r(long from, long to) {
        return new Effect.Range(from, to);
    }

    static void agrees(Claim c, Expectation e) {
        Optional<String> why = ClaimCheck.check(c, COPY, e);
        assertTrue(why.isEmpty(), () -> c.describe() + ": " + why.get());
    }

    static String disagrees(Claim c, Expectation e) {
        Optional<String> why = ClaimCheck.check(c, COPY, e);
        assertTrue(
                why.isPresent(),
                c.describe() + " should disagree with " + ClaimCheck.Render.expectation(e));
        return why.get();
    }

    @Test
    void returnValuesMustBeExactlyTheAllowedSet() {
        Expectation both =
                new Expectation.Allowed(
                        List.of(
                                new Alternative(0, List.of(), List.of("c"), ""),
                                new Alternative(-1, List.of(), List.of("c"), "")),
                        List.of());
        agrees(new Claim.Returns("copyout", Set.of(0L, -1L)), both);
        assertTrue(disagrees(new Claim.Returns("copyout", Set.of(0L)), both).contains("[-1, 0]"));
        assertTrue(
                disagrees(new Claim.Returns("xmemout", Set.of(0L)), one(0))
                        .contains("the feature speaks of xmemout but the last call is copyout("));
    }

    @Test
    void aCopyClaimNeedsAnExactWriteOfThatSource() {
        agrees(new Claim.Copy(UBUF, 8192, KBUF), one(0, whole()));
        assertTrue(
                disagrees(new Claim.Copy(UBUF, 8192, new Addr.In("kbuf", 8)), one(0, whole()))
                        .contains("do not become exactly a copy of kbuf+8"));
        disagrees(new Claim.Copy(UBUF, 8192, KBUF), one(-1, partial(r(0, 4000))));
    }

    @Test
    void aPartialCopyClaimNamesExactlyTheBytesTheCopyCouldStore() {
        agrees(new Claim.PartialCopy(UBUF, 8192, KBUF, null), one(-1, partial(r(0, 3996))));
        agrees(
                new Claim.PartialCopy(UBUF, 8192, KBUF, List.of(r(0, 3996))),
                one(-1, partial(r(0, 3996))));
        agrees(
                new Claim.PartialCopy(UBUF, 8192, KBUF, List.of(r(0, 640), r(704, 8192))),
                one(-1, partial(r(0, 640), r(704, 8192))));
        assertTrue(
                disagrees(
                                new Claim.PartialCopy(UBUF, 8192, KBUF, List.of(r(0, 4096))),
                                one(-1, partial(r(0, 3996))))
                        .contains(
                                "the copy may store its first 3996 bytes of the destination, the feature says its first 4096 bytes"));
        assertTrue(
                disagrees(new Claim.PartialCopy(UBUF, 8192, KBUF, null), one(-1, whole()))
                        .contains("something other than part of kbuf+0 from a failed copy"));
        assertTrue(
                disagrees(new Claim.PartialCopy(UBUF, 8192, KBUF, null), one(-1, partial()))
                        .contains("allows no partial copy"));
    }

    @Test
    void unchangedMeansNoAlternativeWritesThere() {
        agrees(new Claim.Unchanged(UBUF, 8192), one(-1, partial()));
        agrees(new Claim.ObjectUnchanged("ubuf"), one(-1));
        assertTrue(
                disagrees(new Claim.ObjectUnchanged("ubuf"), one(-1, partial(r(0, 10))))
                        .contains("ubuf may change"));
        // A write elsewhere in the object does not touch the claimed range.
        agrees(new Claim.Unchanged(new Addr.In("ubuf", 0), 100), one(0, whole()));
        disagrees(new Claim.Unchanged(new Addr.In("ubuf", 0), 101), one(0, whole()));
        // Bytes a failure can never store stay unchanged.
        agrees(
                new Claim.Unchanged(new Addr.In("ubuf", 200), 100),
                one(-1, partial(r(0, 50), r(300, 400))));
    }

    @Test
    void protectionsAndDescriptors() {
        agrees(
                new Claim.Protection("seg", 1, Set.of(Prot.READ, Prot.NONE)),
                one(0, new Effect.Protect("seg", 1, Set.of(Prot.READ, Prot.NONE))));
        assertTrue(
                disagrees(
                                new Claim.Protection("seg", 1, Set.of(Prot.READ)),
                                one(0, new Effect.Protect("seg", 1, Set.of(Prot.READ, Prot.NONE))))
                        .contains("there is no effect page 1 of seg becomes READ"));
        assertTrue(
                disagrees(
                                new Claim.Protection("seg", 0, Set.of(Prot.READ)),
                                one(0, new Effect.Protect("seg", 1, Set.of(Prot.READ))))
                        .contains("there is no effect page 0 of seg"));
        agrees(
                new Claim.Attached("d", new Addr.In("ubuf", 0), 4096),
                one(0, new Effect.Attach("d", "p1", "ubuf", 0, 4096, 0)));
        disagrees(
                new Claim.Attached("d", new Addr.In("ubuf", 0), 4095),
                one(0, new Effect.Attach("d", "p1", "ubuf", 0, 4096, 0)));
        agrees(new Claim.Detached("d"), one(0, new Effect.Detach("d")));
        disagrees(new Claim.Detached("e"), one(0, new Effect.Detach("d")));
    }

    @Test
    void outsideTheContractNamesTheClause() {
        Expectation outside =
                new Expectation.OutsideContract("copyout.ctx.user-only", "not from an interrupt");
        agrees(new Claim.OutsideContract("copyout.ctx.user-only"), outside);
        assertTrue(
                disagrees(new Claim.OutsideContract("kit.no-overlap"), outside)
                        .contains("a different caller obligation: copyout.ctx.user-only"));
        assertTrue(
                disagrees(new Claim.OutsideContract("kit.no-overlap"), one(0))
                        .contains("within the contract"));
        assertTrue(
                disagrees(new Claim.Returns("copyout", Set.of(0L)), outside)
                        .contains("outside the contract: copyout.ctx.user-only"));
    }

    @Test
    void theInvariantsLookAtWhereAndWhatEachAlternativeWrites() {
        Effect.Extent all = new Effect.Extent.Whole();
        agrees(new Claim.NothingOutsideDestination(), one(0, whole()));
        Effect.Write past = new Effect.Write("ubuf", 101, 8192, new Data.CopyOf("kbuf", 1), all);
        assertTrue(
                disagrees(new Claim.NothingOutsideDestination(), one(0, past))
                        .contains("bytes outside the destination ubuf[100, 8292)"));
        agrees(new Claim.SourceUnchanged(), one(0, whole()));
        disagrees(
                new Claim.SourceUnchanged(),
                one(0, new Effect.Write("kbuf", 0, 1, new Data.Zeros(), all)));
        agrees(new Claim.NoForeignData(), one(0, whole()));
        assertTrue(
                disagrees(
                                new Claim.NoForeignData(),
                                one(
                                        0,
                                        new Effect.Write(
                                                "ubuf",
                                                100,
                                                8192,
                                                new Data.CopyOf("other", 0),
                                                all)))
                        .contains("not the source's"));
        disagrees(
                new Claim.NoForeignData(),
                one(0, new Effect.Write("ubuf", 100, 8192, new Data.Zeros(), all)));
    }

    @Test
    void theRangesOfEachCall() {
        Call.VmMvc read =
                new Call.VmMvc(
                        Context.process("p1"),
                        "seg",
                        1,
                        100,
                        50,
                        Call.VM_MVC_READ,
                        "d",
                        new Addr.In("ubuf", 7));
        assertEquals(
                new CallRanges.Range("ubuf", 7, 50), CallRanges.destination(read).orElseThrow());
        assertEquals(new CallRanges.Range("seg", 4196, 50), CallRanges.source(read).orElseThrow());
        Call.VmMvc zero =
                new Call.VmMvc(
                        Context.process("p1"),
                        "seg",
                        1,
                        100,
                        50,
                        Call.VM_MVC_ZERO,
                        "d",
                        new Addr.In("ubuf", 7));
        assertEquals(
                new CallRanges.Range("seg", 4196, 50), CallRanges.destination(zero).orElseThrow());
        assertTrue(CallRanges.source(zero).isEmpty());
        assertTrue(CallRanges.zeroes(zero));
        Call.Xmemout toNull =
                new Call.Xmemout(
                        Context.interrupt(), KBUF, new Addr.Special(Addr.Place.NULL, 0), 16, "d");
        assertTrue(CallRanges.destination(toNull).isEmpty());
        assertEquals(
                new CallRanges.Range("regs", 0, Call.DEVICE_REGS_SIZE),
                CallRanges.source(
                                new Call.XxIoctl(
                                        Context.process("p1"),
                                        new Addr.In("regs", 0),
                                        Call.XX_GETREGS,
                                        UBUF))
                        .orElseThrow());
    }
}
