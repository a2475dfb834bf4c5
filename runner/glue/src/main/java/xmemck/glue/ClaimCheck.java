package xmemck.glue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import xmemck.ops.Addr;
import xmemck.ops.Call;
import xmemck.ops.Layout;
import xmemck.oracle.Alternative;
import xmemck.oracle.Data;
import xmemck.oracle.Effect;
import xmemck.oracle.Expectation;

/**
 * Does the oracle's expectation say what the feature says? A feature states the documented outcome
 * in words; the oracle computes it. Any disagreement means the feature or the oracle is wrong: a
 * defect of the kit, reported as an ERROR naming both, never blamed on the implementation.
 *
 * <p>Statements about memory hold for every allowed alternative ("the bytes are unchanged" means no
 * alternative changes them); a statement of return values names exactly the set the oracle allows.
 */
public final class ClaimCheck {
    private ClaimCheck() {}

    /**
     * Empty when the oracle agrees with {@code claim} about {@code call}; otherwise why not, in
     * words.
     */
    public static Optional<String> check(Claim claim, Call call, Expectation expectation) {
        if (claim instanceof Claim.Conforms) return Optional.empty();
        if (claim instanceof Claim.Returns r && !r.service().equals(call.service())) {
            return Optional.of(
                    "the feature speaks of "
                            + r.service()
                            + " but the last call is "
                            + call.describe());
        }
        if (claim instanceof Claim.OutsideContract oc) {
            if (expectation instanceof Expectation.OutsideContract got) {
                return got.clause().equals(oc.clause())
                        ? Optional.empty()
                        : Optional.of(
                                "the oracle says the call breaks a different caller obligation: "
                                        + got.clause()
                                        + " ("
                                        + got.reason()
                                        + ")");
            }
            return Optional.of("the oracle says the call is within the contract");
        }
        if (!(expectation instanceof Expectation.Allowed allowed)) {
            Expectation.OutsideContract oc = (Expectation.OutsideContract) expectation;
            return Optional.of(
                    "the oracle says the call is outside the contract: "
                            + oc.clause()
                            + ": "
                            + oc.reason());
        }
        List<Alternative> alts = allowed.alternatives();
        return switch (claim) {
            case Claim.Returns r -> returns(r, alts);
            case Claim.Copy c ->
                    everyAlternative(
                            alts,
                            a ->
                                    exactWrite(
                                            a,
                                            c.destination(),
                                            c.length(),
                                            new Data.CopyOf(
                                                    c.source().object(), c.source().offset())));
            case Claim.Zeros z ->
                    everyAlternative(
                            alts,
                            a -> exactWrite(a, z.destination(), z.length(), new Data.Zeros()));
            case Claim.PartialCopy p -> partialCopy(p, alts);
            case Claim.Unchanged u ->
                    everyAlternative(
                            alts,
                            a ->
                                    untouched(
                                            a,
                                            u.destination().object(),
                                            u.destination().offset(),
                                            u.destination().offset() + u.length()));
            case Claim.ObjectUnchanged o ->
                    everyAlternative(
                            alts, a -> untouched(a, o.object(), Long.MIN_VALUE, Long.MAX_VALUE));
            case Claim.Protection p ->
                    everyAlternative(
                            alts,
                            a -> has(a, new Effect.Protect(p.object(), p.page(), p.allowed())));
            case Claim.Attached at -> everyAlternative(alts, a -> attached(a, at));
            case Claim.Detached d -> everyAlternative(alts, a -> has(a, new Effect.Detach(d.dp())));
            case Claim.NothingOutsideDestination n ->
                    everyAlternative(alts, a -> insideDestination(a, call));
            case Claim.SourceUnchanged s -> everyAlternative(alts, a -> sourceUntouched(a, call));
            case Claim.NoForeignData f -> everyAlternative(alts, a -> onlySourceData(a, call));
            case Claim.OutsideContract oc -> Optional.empty();
            case Claim.Conforms c -> Optional.empty();
        };
    }

    private interface AlternativeCheck {
        Optional<String> check(Alternative a);
    }

    private static Optional<String> everyAlternative(
            List<Alternative> alts, AlternativeCheck check) {
        for (Alternative a : alts) {
            Optional<String> why = check.check(a);
            if (why.isPresent())
                return Optional.of(
                        "the oracle allows an outcome where "
                                + why.get()
                                + ": "
                                + Render.alternative(a));
        }
        return Optional.empty();
    }

    private static Optional<String> returns(Claim.Returns r, List<Alternative> alts) {
        Set<Long> allowed = new TreeSet<>();
        for (Alternative a : alts) allowed.add(a.returnValue());
        if (allowed.equals(new TreeSet<>(r.values()))) return Optional.empty();
        return Optional.of(
                "the oracle allows the return value(s) "
                        + allowed
                        + ", the feature says "
                        + new TreeSet<>(r.values()));
    }

    private static Optional<String> exactWrite(
            Alternative a, Addr.In dest, long length, Data data) {
        if (length == 0) return untouched(a, dest.object(), Long.MIN_VALUE, Long.MAX_VALUE);
        for (Effect e : a.effects()) {
            if (e instanceof Effect.Write w
                    && w.object().equals(dest.object())
                    && w.offset() == dest.offset()
                    && w.length() == length
                    && w.data().equals(data)
                    && w.exact()) {
                return Optional.empty();
            }
        }
        return Optional.of(
                "the "
                        + length
                        + " bytes at "
                        + dest.describe()
                        + " do not become exactly "
                        + Render.data(data));
    }

    /**
     * Every alternative fails with the source's data as the only data the destination may receive,
     * and may store exactly the bytes the feature names (or, when it names none, some bytes).
     */
    private static Optional<String> partialCopy(Claim.PartialCopy p, List<Alternative> alts) {
        Data wanted = new Data.CopyOf(p.source().object(), p.source().offset());
        for (Alternative a : alts) {
            for (Effect e : a.effects()) {
                if (!(e instanceof Effect.Write w)
                        || !w.object().equals(p.destination().object())
                        || w.untouched()) continue;
                if (w.offset() != p.destination().offset()
                        || w.length() != p.length()
                        || !w.data().equals(wanted)
                        || w.exact()) {
                    return Optional.of(
                            "the destination "
                                    + p.destination().describe()
                                    + " may receive something other than part of "
                                    + p.source().describe()
                                    + " from a failed copy: "
                                    + Render.alternative(a));
                }
                List<Effect.Range> storable = ((Effect.Extent.Partial) w.extent()).writable();
                if (p.storable() != null && !storable.equals(p.storable())) {
                    return Optional.of(
                            "the copy may store "
                                    + Claim.ranges(storable)
                                    + " of the destination, the feature says "
                                    + Claim.ranges(p.storable()));
                }
            }
        }
        if (p.storable() == null
                && alts.stream()
                        .noneMatch(
                                a ->
                                        a.effects().stream()
                                                .anyMatch(
                                                        e ->
                                                                e instanceof Effect.Write w
                                                                        && w.object()
                                                                                .equals(
                                                                                        p.destination()
                                                                                                .object())
                                                                        && !w.untouched()))) {
            return Optional.of(
                    "the oracle allows no partial copy at all: the destination must stay unchanged");
        }
        if (p.storable() != null
                && !p.storable().isEmpty()
                && alts.stream()
                        .noneMatch(
                                a ->
                                        a.effects().stream()
                                                .anyMatch(
                                                        e ->
                                                                e instanceof Effect.Write w
                                                                        && w.object()
                                                                                .equals(
                                                                                        p.destination()
                                                                                                .object())
                                                                        && !w.untouched()))) {
            return Optional.of(
                    "the oracle allows the copy to store nothing in the destination, the feature says "
                            + Claim.ranges(p.storable()));
        }
        return Optional.empty();
    }

    /**
     * The bytes {@code w} may change, as offsets into its object: its whole range for a success,
     * the storable ranges for a failure.
     */
    private static List<long[]> changes(Effect.Write w) {
        return switch (w.extent()) {
            case Effect.Extent.Whole whole ->
                    w.length() == 0
                            ? List.of()
                            : List.of(new long[] {w.offset(), w.offset() + w.length()});
            case Effect.Extent.Partial part ->
                    part.writable().stream()
                            .map(r -> new long[] {w.offset() + r.from(), w.offset() + r.to()})
                            .toList();
        };
    }

    /**
     * From the first byte {@code w} may change to the end of the last one; null when it changes
     * none.
     */
    private static long[] reach(Effect.Write w) {
        List<long[]> c = changes(w);
        return c.isEmpty() ? null : new long[] {c.getFirst()[0], c.getLast()[1]};
    }

    /** No byte of {@code object} in {@code [from, to)} may change, nor its protection. */
    private static Optional<String> untouched(Alternative a, String object, long from, long to) {
        for (Effect e : a.effects()) {
            switch (e) {
                case Effect.Write w
                        when w.object().equals(object)
                                && changes(w).stream().anyMatch(r -> r[0] < to && r[1] > from) -> {
                    return Optional.of(object + " may change (" + Render.effect(w) + ")");
                }
                case Effect.Protect pr
                        when pr.object().equals(object) && from == Long.MIN_VALUE -> {
                    return Optional.of(
                            object + " may change protection (" + Render.effect(pr) + ")");
                }
                default -> {}
            }
        }
        return Optional.empty();
    }

    private static Optional<String> has(Alternative a, Effect wanted) {
        return a.effects().contains(wanted)
                ? Optional.empty()
                : Optional.of("there is no effect " + Render.effect(wanted));
    }

    private static Optional<String> attached(Alternative a, Claim.Attached claim) {
        for (Effect e : a.effects()) {
            if (e instanceof Effect.Attach at
                    && at.dp().equals(claim.dp())
                    && at.object().equals(claim.at().object())
                    && at.offset() == claim.at().offset()
                    && at.count() == claim.count()) {
                return Optional.empty();
            }
        }
        return Optional.of(
                "descriptor "
                        + claim.dp()
                        + " does not come to describe "
                        + claim.count()
                        + " bytes at "
                        + claim.at().describe());
    }

    private static Optional<String> insideDestination(Alternative a, Call call) {
        Optional<CallRanges.Range> dest = CallRanges.destination(call);
        for (Effect e : a.effects()) {
            switch (e) {
                case Effect.Write w when reach(w) != null -> {
                    if (dest.isEmpty()
                            || !dest.get().contains(w.object(), reach(w)[0], reach(w)[1])) {
                        return Optional.of(
                                "bytes outside the destination "
                                        + dest.map(CallRanges.Range::describe).orElse("(none)")
                                        + " may change ("
                                        + Render.effect(w)
                                        + ")");
                    }
                }
                case Effect.Protect p -> {
                    long start = p.page() * Layout.PAGE_SIZE;
                    if (dest.isEmpty()
                            || !dest.get().overlaps(p.object(), start, start + Layout.PAGE_SIZE)) {
                        return Optional.of(
                                "a page outside the destination may change protection ("
                                        + Render.effect(p)
                                        + ")");
                    }
                }
                default -> {}
            }
        }
        return Optional.empty();
    }

    private static Optional<String> sourceUntouched(Alternative a, Call call) {
        Optional<CallRanges.Range> src = CallRanges.source(call);
        if (src.isEmpty()) return Optional.empty();
        for (Effect e : a.effects()) {
            if (e instanceof Effect.Write w
                    && reach(w) != null
                    && src.get().overlaps(w.object(), reach(w)[0], reach(w)[1])) {
                return Optional.of(
                        "the source "
                                + src.get().describe()
                                + " may change ("
                                + Render.effect(w)
                                + ")");
            }
        }
        return Optional.empty();
    }

    private static Optional<String> onlySourceData(Alternative a, Call call) {
        Optional<CallRanges.Range> src = CallRanges.source(call);
        Optional<CallRanges.Range> dest = CallRanges.destination(call);
        for (Effect e : a.effects()) {
            if (!(e instanceof Effect.Write w) || reach(w) == null) continue;
            boolean fromSource =
                    switch (w.data()) {
                        case Data.Zeros z -> CallRanges.zeroes(call);
                        case Data.CopyOf c ->
                                src.isPresent()
                                        && dest.isPresent()
                                        && c.object().equals(src.get().object())
                                        && c.offset() - src.get().offset()
                                                == w.offset() - dest.get().offset();
                    };
            if (!fromSource)
                return Optional.of(
                        "bytes that are not the source's may be written ("
                                + Render.effect(w)
                                + ")");
        }
        return Optional.empty();
    }

    /** Compact renderings of the oracle's answer, for messages. */
    public static final class Render {
        private Render() {}

        public static String expectation(Expectation e) {
            return switch (e) {
                case Expectation.OutsideContract oc ->
                        "outside the contract: " + oc.clause() + ": " + oc.reason();
                case Expectation.Allowed a -> {
                    List<String> parts = new ArrayList<>();
                    for (Alternative alt : a.alternatives()) parts.add(alternative(alt));
                    yield String.join(" | ", parts);
                }
            };
        }

        public static String alternative(Alternative a) {
            List<String> effects = new ArrayList<>();
            for (Effect e : a.effects()) effects.add(effect(e));
            return "returns "
                    + a.returnValue()
                    + (effects.isEmpty() ? ", no effect" : ", " + String.join(", ", effects))
                    + " "
                    + a.clauses();
        }

        public static String effect(Effect e) {
            return switch (e) {
                case Effect.Write w ->
                        "write "
                                + w.object()
                                + "["
                                + w.offset()
                                + ", "
                                + (w.offset() + w.length())
                                + ") from "
                                + data(w.data())
                                + (w.exact()
                                        ? ""
                                        : w.untouched()
                                                ? ", untouched"
                                                : ", old or new within "
                                                        + Claim.ranges(
                                                                ((Effect.Extent.Partial) w.extent())
                                                                        .writable()));
                case Effect.Protect p ->
                        "page "
                                + p.page()
                                + " of "
                                + p.object()
                                + " becomes "
                                + (p.allowed().size() == 1
                                        ? p.allowed().iterator().next()
                                        : "one of " + new java.util.TreeSet<>(p.allowed()));
                case Effect.Attach at ->
                        "descriptor "
                                + at.dp()
                                + " describes "
                                + at.object()
                                + "+"
                                + at.offset()
                                + " for "
                                + at.count()
                                + " bytes in "
                                + at.space();
                case Effect.Detach d -> "descriptor " + d.dp() + " becomes XMEM_INVAL";
            };
        }

        public static String data(Data d) {
            return switch (d) {
                case Data.CopyOf c -> "a copy of " + c.object() + "+" + c.offset();
                case Data.Zeros z -> "zeros";
            };
        }
    }
}
