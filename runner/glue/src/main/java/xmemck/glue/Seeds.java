package xmemck.glue;

/**
 * Fill seeds for objects a feature names without a seed: a stable hash of the name (64-bit FNV-1a),
 * so that every object's bytes differ from every other's (which the leak check needs) and a
 * scenario is the same on every run.
 */
public final class Seeds {
    private Seeds() {}

    public static long of(String name) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < name.length(); i++) {
            h ^= name.charAt(i);
            h *= 0x100000001b3L;
        }
        return h;
    }
}
