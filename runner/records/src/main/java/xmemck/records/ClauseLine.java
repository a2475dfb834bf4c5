package xmemck.records;

import java.util.List;
import xmemck.oracle.Clause;

/**
 * A row of the matrix: a catalogue clause, or an id that scenarios named but the catalogue does not
 * know (shown rather than dropped, so a stale tag is visible).
 */
public record ClauseLine(
        String id,
        String service,
        String kind,
        List<Clause.Citation> sources,
        String summary,
        boolean catalogued) {
    public ClauseLine {
        sources = List.copyOf(sources);
    }

    public static ClauseLine of(Clause c) {
        return new ClauseLine(c.id(), c.service(), c.kind().name(), c.sources(), c.summary(), true);
    }

    /**
     * An id seen in results only; its service is guessed from the id's first part ({@code
     * xmemout.succ}).
     */
    public static ClauseLine uncatalogued(String id) {
        int dot = id.indexOf('.');
        String service = dot > 0 ? id.substring(0, dot) : id;
        return new ClauseLine(id, service, "", List.of(), "not in the clause catalogue", false);
    }
}
