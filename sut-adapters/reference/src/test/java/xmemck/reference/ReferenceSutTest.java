package xmemck.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import xmemck.oracle.Expectation;
import xmemck.oracle.Judgement;
import xmemck.oracle.Oracle;
import xmemck.spi.Adapters;
import xmemck.spi.Capability;
import xmemck.spi.Sut;
import xmemck.spi.SutFailure;
import xmemck.spi.SutOptions;

class ReferenceSutTest {

    private static final List<Setup> WORLD =
            List.of(
                    new Setup.CreateProcess("p1"),
                    new Setup.MapRegion("k", "kernel", 1, Prot.READ_WRITE, 5),
                    new Setup.MapRegion("u", "p1", 2, Prot.READ_WRITE, 6),
                    new Setup.Protect("u", 1, 1, Prot.READ));

    @Test
    void found_by_id_through_the_service_loader() throws Exception {
        try (Sut sut = Adapters.find("reference").open(SutOptions.none())) {
            assertEquals("reference oracle", sut.name());
            for (Capability c : Capability.values())
                assertTrue(sut.capabilities().supported().contains(c), c + " should be supported");
        }
    }

    @Test
    void copyout_into_a_read_only_page_stops_at_it_and_the_oracle_judges_that_conforming()
            throws Exception {
        Sut sut = new ReferenceProvider().open(SutOptions.none());
        Oracle oracle = new Oracle();
        for (Setup s : WORLD) {
            assertInstanceOf(Result.Done.class, sut.apply(s));
            oracle.apply(s);
        }
        Call call =
                new Call.Copyout(Context.process("p1"), Addr.in("k", 0), Addr.in("u", 4000), 200);
        Expectation e = oracle.expect(call);
        Result.Returned r = assertInstanceOf(Result.Returned.class, sut.apply(call));
        assertEquals(-1, r.value());
        List<Result> observed = sut.applyAll(oracle.observationsFor(call, e));
        Judgement j = oracle.judge(call, e, r.value(), observed);
        assertTrue(j.conforms(), j.findings()::toString);
        Result.Bytes b =
                assertInstanceOf(Result.Bytes.class, sut.apply(new Observe.Bytes("u", 4000, 100)));
        assertArrayEquals(
                Fill.bytes(5, 0, 96),
                java.util.Arrays.copyOf(b.data(), 96),
                "the reference writes up to the read-only page");
        assertArrayEquals(
                Fill.bytes(6, 4096, 4),
                java.util.Arrays.copyOfRange(b.data(), 96, 100),
                "and not into it");
    }

    @Test
    void an_ill_formed_op_is_an_internal_failure_with_the_oracles_message() throws Exception {
        Sut sut = new ReferenceProvider().open(SutOptions.none());
        SutFailure f =
                assertThrows(
                        SutFailure.class,
                        () -> sut.apply(new Setup.Protect("nowhere", 0, 1, Prot.READ)));
        assertEquals(SutFailure.Kind.INTERNAL, f.kind());
        assertTrue(f.getMessage().contains("unknown object \"nowhere\""), f.getMessage());
    }

    @Test
    void reset_starts_from_an_empty_world() throws Exception {
        Sut sut = new ReferenceProvider().open(SutOptions.none());
        sut.apply(new Setup.CreateProcess("p1"));
        sut.reset();
        assertInstanceOf(
                Result.Done.class,
                sut.apply(new Setup.CreateProcess("p1")),
                "p1 can be created again after reset");
    }
}
