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
 * Every clause the kit knows, read from the resource {@code xmemck/oracle/catalogue.tsv}: that file is the one
 * source of truth, machine-readable as it stands (id, service, kind, sources, summary, tab-separated). Each id
 * is decided in one place of the oracle's code, which names it.
 */
public final class Catalogue {

    /** Where the catalogue lives on the class path. */
    public static final String RESOURCE = "xmemck/oracle/catalogue.tsv";

    private static final Map<String, Clause> CLAUSES = load();

    private Catalogue() {}

    /** All clauses, in catalogue order. */
    public static List<Clause> all() { return List.copyOf(CLAUSES.values()); }

    /** The clause with this id, if there is one. */
    public static Optional<Clause> byId(String id) { return Optional.ofNullable(CLAUSES.get(id)); }

    /** The clause with this id; an unknown id is an error that names the id. */
    public static Clause require(String id) {
        Clause c = CLAUSES.get(id);
        if (c == null) throw new IllegalArgumentException("unknown clause id \"" + id + "\"; see " + RESOURCE + " for the known ones");
        return c;
    }

    public static boolean contains(String id) { return CLAUSES.containsKey(id); }

    /** The catalogue file's text, for tools that want the machine-readable form. */
    public static String tsv() {
        try (InputStream in = open()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + RESOURCE + ": " + e.getMessage(), e);
        }
    }

    private static InputStream open() {
        InputStream in = Catalogue.class.getClassLoader().getResourceAsStream(RESOURCE);
        if (in == null) throw new IllegalStateException(RESOURCE + " is missing from the class path");
        return in;
    }

    /** Parses the catalogue text; every malformed line is an error naming its line number. */
    static Map<String, Clause> parse(String text) {
        Map<String, Clause> out = new LinkedHashMap<>();
        String[] lines = text.split("\n", -1);
        boolean header = false;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            String[] f = lines[i].split("\t", -1);
            String where = RESOURCE + " line " + (i + 1);
            if (f.length != 5) throw new IllegalStateException(where + ": expected 5 tab-separated fields, found " + f.length);
            if (!header) {
                if (!Arrays.equals(f, new String[] {"id", "service", "kind", "sources", "summary"})) throw new IllegalStateException(where + ": expected the header line id, service, kind, sources, summary");
                header = true;
                continue;
            }
            ClauseKind kind;
            try {
                kind = ClauseKind.valueOf(f[2]);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(where + ": unknown kind \"" + f[2] + "\"; known: " + Arrays.toString(ClauseKind.values()));
            }
            List<String> sources = new ArrayList<>();
            for (String s : f[3].split(";")) if (!s.isBlank()) sources.add(s.strip());
            if (f[0].isBlank() || f[1].isBlank() || sources.isEmpty() || f[4].isBlank()) throw new IllegalStateException(where + ": every field must be filled");
            if (out.put(f[0], new Clause(f[0], f[1], kind, sources, f[4])) != null) throw new IllegalStateException(where + ": duplicate clause id " + f[0]);
        }
        return Collections.unmodifiableMap(out);
    }

    private static Map<String, Clause> load() { return parse(tsv()); }
}
