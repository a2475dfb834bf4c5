package xmemck.oracle;

import java.util.List;

/**
 * One documented statement, with a stable id ({@code xmemout.fail.range}), the service it belongs to, its kind,
 * the seed files (or vendor page) it comes from, and a one-line summary in the kit's own words.
 */
public record Clause(String id, String service, ClauseKind kind, List<String> sources, String summary) {
    public Clause { sources = List.copyOf(sources); }
}
