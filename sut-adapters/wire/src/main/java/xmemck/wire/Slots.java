package xmemck.wire;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The members of one object, each read when it arrives by the reader its name calls for, then taken
 * by the constructor of whatever the object turns out to be. This is how a decoder accepts members
 * in any order without building a tree: in the operation language every member name has one type
 * wherever it appears ({@code "pages"} is always a 32-bit integer, {@code "uaddr"} always an
 * address), so a value can be read before the object's kind ({@code "op"}, {@code "result"}) is
 * known. {@link #done()} rejects members nobody took, so a misspelt optional member is reported,
 * not ignored.
 */
public final class Slots {
    /** Reads the value of the member the parser is at. */
    @FunctionalInterface
    public interface Reader {
        Object read(Members m);
    }

    private final Members members;
    private final Map<String, Object> values = new HashMap<>();

    /**
     * Every member read, in the order of the text, for the message that lists the ones nobody took.
     */
    private final List<String> order = new ArrayList<>();

    private final Set<String> taken = new HashSet<>();

    public Slots(Members members) {
        this.members = members;
    }

    /** Reads every remaining member of the object with the reader {@code readers} names for it. */
    public static Slots read(Members m, Map<String, Reader> readers) {
        Slots s = new Slots(m);
        while (m.next() != null) s.read(readers);
        return s;
    }

    /**
     * Reads the current member with its reader; a member without one is skipped and reported by
     * {@link #done()}.
     */
    public void read(Map<String, Reader> readers) {
        String name = members.name();
        order.add(name);
        Reader r = readers.get(name);
        if (r == null) members.skip();
        else values.put(name, r.read(members));
    }

    public String path() {
        return members.path();
    }

    public String pathOf(String name) {
        return members.pathOf(name);
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** The value of a member that must be there. */
    public <T> T get(String name, Class<T> type) {
        taken.add(name);
        Object v = values.get(name);
        if (v == null) throw error("field \"" + name + "\" is missing");
        return type.cast(v);
    }

    public String str(String name) {
        return get(name, String.class);
    }

    public long lng(String name) {
        return get(name, Long.class);
    }

    public int int32(String name) {
        return get(name, Integer.class);
    }

    public boolean bool(String name) {
        return get(name, Boolean.class);
    }

    /**
     * Rejects members that were never taken: unknown names, and known ones this kind of object does
     * not have.
     */
    public void done() {
        List<String> extra = order.stream().filter(name -> !taken.contains(name)).toList();
        if (extra.isEmpty()) return;
        throw error(
                "unknown field"
                        + (extra.size() > 1 ? "s " : " ")
                        + String.join(
                                ", ",
                                extra.stream()
                                        .map(u -> "\"" + Excerpt.inline(u, 80) + "\"")
                                        .toList()));
    }

    public WireFormatException error(String message) {
        return members.error(message);
    }
}
