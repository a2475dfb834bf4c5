package xmemck.oracle;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every clause the kit knows, read from the resource {@code xmemck/oracle/catalogue.tsv}: that file
 * is the one source of truth, machine-readable as it stands (id, service, kind, sources, summary,
 * tab-separated). Each id is decided in one place of the oracle's code, which names it.
 */
public final class Catalogue {

    /** Where the catalogue lives on the class path. */
    public static final String RESOURCE = "xmemck/oracle/catalogue.tsv";

    /** Where the documents it cites are listed. */
    public static final String PAGES = "xmemck/oracle/pages.tsv";

    private static final Map<String, Clause.Page> PAGE_LIST = parsePages(text(PAGES));
    private static final Map<String, Clause> CLAUSES = parse(text(RESOURCE), PAGE_LIST);

    private Catalogue() {}

    /** All clauses, in catalogue order. */
    public static List<Clause> all() {
        return List.copyOf(CLAUSES.values());
    }

    /** The clause with this id, if there is one. */
    public static Optional<Clause> byId(String id) {
        return Optional.ofNullable(CLAUSES.get(id));
    }

    /** The clause with this id; an unknown id is an error that names the id. */
    public static Clause require(String id) {
        Clause c = CLAUSES.get(id);
        if (c == null)
            throw new IllegalArgumentException(
                    "unknown clause id \"" + id + "\"; see " + RESOURCE + " for the known ones");
        return c;
    }

    public static boolean contains(String id) {
        return CLAUSES.containsKey(id);
    }

    /** The documents the catalogue cites, in file order. */
    public static List<Clause.Page> pages() {
        return List.copyOf(PAGE_LIST.values());
    }

    /** The catalogue file's text, for tools that want the machine-readable form. */
    public static String tsv() {
        return text(RESOURCE);
    }

    private static String text(String resource) {
        try (InputStream in = Catalogue.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null)
                throw new IllegalStateException(resource + " is missing from the class path");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + resource + ": " + e.getMessage(), e);
        }
    }

    /** Parses the list of documents; every malformed line is an error naming its line number. */
    static Map<String, Clause.Page> parsePages(String text) {
        Map<String, Clause.Page> out = new LinkedHashMap<>();
        String[] lines = text.split("\n", -1);
        boolean header = false;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank() || lines[i].startsWith("#")) continue;
            String[] f = lines[i].split("\t", -1);
            String where = PAGES + " line " + (i + 1);
            if (f.length != 4)
                throw new IllegalStateException(
                        where + ": expected 4 tab-separated fields, found " + f.length);
            if (!header) {
                header = true;
                continue;
            }
            if (out.put(f[0], new Clause.Page(f[0], f[1], f[2], f[3].equals("-") ? "" : f[3]))
                    != null) throw new IllegalStateException(where + ": duplicate key " + f[0]);
        }
        return Collections.unmodifiableMap(out);
    }

    /** Parses the catalogue text; every malformed line is an error naming its line number. */
    static Map<String, Clause> parse(String text, Map<String, Clause.Page> pages) {
        Map<String, Clause> out = new LinkedHashMap<>();
        String[] lines = text.split("\n", -1);
        boolean header = false;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            String[] f = lines[i].split("\t", -1);
            String where = RESOURCE + " line " + (i + 1);
            if (f.length != 5)
                throw new IllegalStateException(
                        where + ": expected 5 tab-separated fields, found " + f.length);
            if (!header) {
                if (!Arrays.equals(f, new String[] {"id", "service", "kind", "sources", "summary"}))
                    throw new IllegalStateException(
                            where
                                    + ": expected the header line id, service, kind, sources, summary");
                header = true;
                continue;
            }
            ClauseKind kind;
            try {
                kind = ClauseKind.valueOf(f[2]);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(
                        where
                                + ": unknown kind \""
                                + f[2]
                                + "\"; known: "
                                + Arrays.toString(ClauseKind.values()));
            }
            List<Clause.Citation> sources = new ArrayList<>();
            for (String s : f[3].split(";")) {
                if (s.isBlank()) continue;
                int hash = s.indexOf('#');
                Clause.Page page = hash < 0 ? null : pages.get(s.substring(0, hash).strip());
                if (page == null || s.substring(hash + 1).isBlank()) {
                    throw new IllegalStateException(
                            where
                                    + ": source \""
                                    + s.strip()
                                    + "\" must be a page key of "
                                    + PAGES
                                    + " and a section, as in copyout#RETURN VALUES");
                }
                sources.add(new Clause.Citation(page, s.substring(hash + 1).strip()));
            }
            if (f[0].isBlank() || f[1].isBlank() || sources.isEmpty() || f[4].isBlank())
                throw new IllegalStateException(where + ": every field must be filled");
            if (out.put(f[0], new Clause(f[0], f[1], kind, sources, f[4])) != null)
                throw new IllegalStateException(where + ": duplicate clause id " + f[0]);
        }
        return Collections.unmodifiableMap(out);
    }
}
