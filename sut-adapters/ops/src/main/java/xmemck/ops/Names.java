package xmemck.ops;

/**
 * Names of processes, objects and descriptors: short identifiers, so that every adapter can use
 * them as keys.
 */
public final class Names {
    /** The rule, as a regular expression, for messages and documentation. */
    public static final String RULE = "[A-Za-z_][A-Za-z0-9_.-]{0,63}";

    /** The kernel's address space; cannot be used as a process name. */
    public static final String KERNEL = "kernel";

    private Names() {}

    public static String check(String what, String name) {
        if (!valid(name))
            throw new IllegalArgumentException(
                    what + " name must match " + RULE + ", got " + quote(name));
        return name;
    }

    // A hand-written check rather than a regular expression: names are checked on every operation
    // built,
    // and fuzzing builds millions of them.
    static boolean valid(String name) {
        if (name == null || name.isEmpty() || name.length() > 64) return false;
        char first = name.charAt(0);
        if (!(letter(first) || first == '_')) return false;
        for (int i = 1; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(letter(c) || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-'))
                return false;
        }
        return true;
    }

    private static boolean letter(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    static String quote(String s) {
        return s == null ? "null" : '"' + s + '"';
    }
}
