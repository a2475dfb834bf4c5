package xmemck.ops;

import java.util.regex.Pattern;

/** Names of processes, objects and descriptors: short identifiers, so that every adapter can use them as keys. */
public final class Names {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,63}");
    /** The kernel's address space; cannot be used as a process name. */
    public static final String KERNEL = "kernel";

    private Names() {}

    public static String check(String what, String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(what + " name must match " + NAME.pattern() + ", got " + quote(name));
        }
        return name;
    }

    static String quote(String s) { return s == null ? "null" : '"' + s + '"'; }
}
