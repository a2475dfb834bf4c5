package xmemck.wire;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

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

    /*
     * Every member read, in the order of the text (for the message that lists the ones nobody
     * took), with its value and whether it was taken. An object has a handful of members, and one
     * is decoded for every answer of every case the fuzzer runs: a few arrays searched in order
     * cost less than the three hash tables they replace. No name comes twice: the parser rejects
     * a repeated member.
     */
    private String[] names = new String[8];
    private Object[] values = new Object[8];

    /** Whether the member had a reader (else it was skipped and has no value). */
    private boolean[] read = new boolean[8];

    private boolean[] taken = new boolean[8];
    private int count;

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
        Reader r = readers.get(name);
        Object value = null;
        if (r == null) members.skip();
        else value = r.read(members);
        if (count == names.length) {
            int n = count * 2;
            names = Arrays.copyOf(names, n);
            values = Arrays.copyOf(values, n);
            read = Arrays.copyOf(read, n);
            taken = Arrays.copyOf(taken, n);
        }
        names[count] = name;
        values[count] = value;
        read[count] = r != null;
        count++;
    }

    /** The index of the member named {@code name}, or -1. */
    private int indexOf(String name) {
        for (int i = 0; i < count; i++) if (names[i].equals(name)) return i;
        return -1;
    }

    public String path() {
        return members.path();
    }

    public String pathOf(String name) {
        return members.pathOf(name);
    }

    public boolean has(String name) {
        int i = indexOf(name);
        return i >= 0 && read[i];
    }

    /** The value of a member that must be there. */
    public <T> T get(String name, Class<T> type) {
        int i = indexOf(name);
        if (i >= 0) taken[i] = true;
        Object v = i < 0 ? null : values[i];
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
        List<String> extra = null;
        for (int i = 0; i < count; i++) {
            if (taken[i]) continue;
            if (extra == null) extra = new ArrayList<>();
            extra.add("\"" + Excerpt.inline(names[i], 80) + "\"");
        }
        if (extra == null) return;
        throw error("unknown field" + (extra.size() > 1 ? "s " : " ") + String.join(", ", extra));
    }

    public WireFormatException error(String message) {
        return members.error(message);
    }
}
