package xmemck.oracle;

import java.util.List;

/**
 * What the judge saw of one call (the objects page by page, the protections) and concluded about
 * each page, kept in the {@link Judgement} so that {@link Oracle#commit} adopts exactly what was
 * judged. Opaque outside the oracle.
 */
public final class Observed {
    final List<Seen> seen;
    final List<Judge.SeenProt> prots;
    final Judge.Facts facts;

    Observed(List<Seen> seen, List<Judge.SeenProt> prots, Judge.Facts facts) {
        this.seen = List.copyOf(seen);
        this.prots = List.copyOf(prots);
        this.facts = facts;
    }

    static final Observed NOTHING = new Observed(List.of(), List.of(), new Judge.Facts(List.of()));
}
