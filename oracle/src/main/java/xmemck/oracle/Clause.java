package xmemck.oracle;

import java.util.List;

/**
 * One documented statement, with a stable id ({@code xmemout.fail.range}), the service it belongs
 * to, its kind, the sections of the manual pages it comes from, and a one-line summary in the kit's
 * own words.
 */
public record Clause(
        String id, String service, ClauseKind kind, List<Citation> sources, String summary) {
    public Clause {
        sources = List.copyOf(sources);
    }

    /** A section of a document the catalogue cites. */
    public record Citation(Page page, String section) {
        /** "copyout(9F), RETURN VALUES". */
        public String describe() {
            return page.name() + ", " + section;
        }

        /** "copyout#RETURN VALUES", the catalogue's own short form. */
        public String key() {
            return page.key() + "#" + section;
        }
    }

    /**
     * A document: its key in the catalogue, a short name, the title a reader can look up, and its
     * public address (empty when none).
     */
    public record Page(String key, String name, String title, String address) {
        /** Is this the kit's own interpretation rather than a manual page? */
        public boolean isKit() {
            return key.equals("kit");
        }
    }
}
