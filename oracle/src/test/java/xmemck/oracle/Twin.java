package xmemck.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import xmemck.ops.Addr;
import xmemck.ops.Call;
import xmemck.ops.Context;
import xmemck.ops.Prot;
import xmemck.ops.Result;
import xmemck.ops.Setup;

/**
 * Two oracles built from the same setup: {@code model} judges, {@code impl} plays the
 * implementation (the reference behaviour, optionally with its outcome tampered with). Also a few
 * shorthands for tests.
 */
final class Twin {
    final Oracle model = new Oracle();
    final Oracle impl = new Oracle();

    /** What one call produced. */
    record Outcome(
            Expectation expectation, long returned, List<Result> observed, Judgement judgement) {
        Expectation.Allowed allowed() {
            return assertInstanceOf(
                    Expectation.Allowed.class,
                    expectation,
                    "expected an allowed set, got " + expectation);
        }

        List<String> findingClauses() {
            return judgement.findings().stream().map(Finding::clause).toList();
        }
    }

    Twin setup(Setup... ops) {
        for (Setup op : ops) {
            model.apply(op);
            impl.apply(op);
        }
        return this;
    }

    /**
     * A process p1 and p2, kernel region k (2 pages, seed 11), user region u (2 pages RW in p1,
     * seed 22).
     */
    static Twin standard() {
        return new Twin()
                .setup(
                        new Setup.CreateProcess("p1"),
                        new Setup.CreateProcess("p2"),
                        new Setup.MapRegion("k", "kernel", 2, Prot.READ_WRITE, 11),
                        new Setup.MapRegion("u", "p1", 2, Prot.READ_WRITE, 22));
    }

    /** Run {@code call} on the implementation and judge it with the model; commit the outcome. */
    Outcome call(Call call) {
        return call(call, r -> r);
    }

    /**
     * As {@link #call(Call)}, with the implementation's observed memory passed through {@code
     * tamper}.
     */
    Outcome call(Call call, UnaryOperator<List<Result>> tamper) {
        Expectation e = model.expect(call);
        long returned = impl.perform(call).value();
        return judgeWith(call, e, returned, tamper);
    }

    /**
     * Judge an implementation that returned {@code returned} and did what the reference did, then
     * {@code tamper}.
     */
    Outcome callReturning(Call call, long returned, UnaryOperator<List<Result>> tamper) {
        Expectation e = model.expect(call);
        impl.perform(call);
        return judgeWith(call, e, returned, tamper);
    }

    private Outcome judgeWith(
            Call call, Expectation e, long returned, UnaryOperator<List<Result>> tamper) {
        List<Result> observed = new ArrayList<>();
        for (var o : model.observationsFor(call, e)) observed.add(impl.observe(o));
        observed = tamper.apply(observed);
        Judgement j = model.judge(call, e, returned, observed);
        model.commit(call, j);
        return new Outcome(e, returned, observed, j);
    }

    // ---- tampering helpers: each returns a copy of the observation list with one change ----

    /** Set byte {@code offset} of {@code object}'s observation to {@code value}. */
    static UnaryOperator<List<Result>> poke(String object, long offset, int value) {
        return list -> {
            List<Result> out = new ArrayList<>();
            for (Result r : list) {
                if (r instanceof Result.Bytes b && b.object().equals(object)) {
                    byte[] d = b.data().clone();
                    d[(int) (offset - b.from())] = (byte) value;
                    out.add(new Result.Bytes(b.object(), b.from(), d, b.unreadablePages()));
                } else out.add(r);
            }
            return out;
        };
    }

    /** Overwrite {@code object}'s observation at {@code offset} with {@code bytes}. */
    static UnaryOperator<List<Result>> write(String object, long offset, byte[] bytes) {
        return list -> {
            List<Result> out = new ArrayList<>();
            for (Result r : list) {
                if (r instanceof Result.Bytes b && b.object().equals(object)) {
                    byte[] d = b.data().clone();
                    System.arraycopy(bytes, 0, d, (int) (offset - b.from()), bytes.length);
                    out.add(new Result.Bytes(b.object(), b.from(), d, b.unreadablePages()));
                } else out.add(r);
            }
            return out;
        };
    }

    /** Mark a page of {@code object}'s observation unreadable. */
    static UnaryOperator<List<Result>> unreadable(String object, long page) {
        return list -> {
            List<Result> out = new ArrayList<>();
            for (Result r : list) {
                if (r instanceof Result.Bytes b && b.object().equals(object)) {
                    List<Long> pages = new ArrayList<>(b.unreadablePages());
                    pages.add(page);
                    out.add(new Result.Bytes(b.object(), b.from(), b.data(), pages));
                } else out.add(r);
            }
            return out;
        };
    }

    // ---- shorthands ----

    static Context p(String name) {
        return Context.process(name);
    }

    static Addr at(String object, long offset) {
        return Addr.in(object, offset);
    }

    static void assertAllowedOnly(Expectation e, long returnValue, String clause) {
        Expectation.Allowed a =
                assertInstanceOf(Expectation.Allowed.class, e, "expected an allowed set, got " + e);
        assertEquals(
                1,
                a.alternatives().size(),
                () -> "expected one alternative, got " + a.alternatives());
        assertEquals(
                returnValue,
                a.alternatives().get(0).returnValue(),
                () -> "return value of " + a.alternatives().get(0));
        assertTrue(
                a.alternatives().get(0).clauses().contains(clause),
                () -> "clauses " + a.alternatives().get(0).clauses() + " should contain " + clause);
    }

    static void assertOutside(Expectation e, String clause) {
        if (!(e instanceof Expectation.OutsideContract oc)) {
            fail("expected outside the contract (" + clause + "), got " + e);
            return;
        }
        assertEquals(clause, oc.clause(), () -> "outside-contract reason: " + oc.reason());
    }

    /**
     * The bytes a failed write may have stored, as ranges of indexes into it (empty: untouched).
     */
    static List<Effect.Range> writable(Effect.Write w) {
        return w.extent() instanceof Effect.Extent.Partial p
                ? p.writable()
                : List.of(new Effect.Range(0, w.length()));
    }

    /** A failed write that may store only its first {@code n} bytes. */
    static boolean storesOnlyFirst(Effect.Write w, long n) {
        return !w.exact()
                && writable(w).equals(n == 0 ? List.of() : List.of(new Effect.Range(0, n)));
    }

    static Effect.Write onlyWrite(Alternative a) {
        List<Effect.Write> w =
                a.effects().stream()
                        .filter(Effect.Write.class::isInstance)
                        .map(Effect.Write.class::cast)
                        .toList();
        assertEquals(1, w.size(), () -> "expected one write in " + a);
        return w.get(0);
    }
}
