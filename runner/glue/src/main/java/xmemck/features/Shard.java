package xmemck.features;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One part of a deterministic partition of the suite: {@code --shard i/n}, shards numbered 1 to n
 * (as CI matrices number them). A scenario belongs to shard {@code 1 + (h mod n)}, where h is the
 * first 8 bytes of the SHA-256 of its id ({@code features/copyout/adi.feature:23}, the id every
 * report uses). So every scenario is in exactly one shard, the same one on every machine and every
 * run, and stays there when other scenarios are added or removed. Fuzz seeds, which come as a list,
 * go round-robin: the seed at position p belongs to shard {@code 1 + (p mod n)}.
 */
public record Shard(int index, int count) {
    /** The whole suite. */
    public static final Shard ALL = new Shard(1, 1);

    public Shard {
        if (count < 1)
            throw new IllegalArgumentException("a shard count must be at least 1, got " + count);
        if (index < 1 || index > count) {
            throw new IllegalArgumentException(
                    "shard "
                            + index
                            + "/"
                            + count
                            + " does not exist: shards are numbered 1 to "
                            + count);
        }
    }

    /** Parses {@code i/n}; a bad form is an IllegalArgumentException saying what is expected. */
    public static Shard parse(String text) {
        String t = text == null ? "" : text.strip();
        int slash = t.indexOf('/');
        if (slash <= 0 || slash == t.length() - 1) {
            throw new IllegalArgumentException(
                    "--shard needs the form i/n (this is shard i of n, numbered from 1), got \""
                            + t
                            + "\"");
        }
        try {
            return new Shard(
                    Integer.parseInt(t.substring(0, slash).strip()),
                    Integer.parseInt(t.substring(slash + 1).strip()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "--shard needs the form i/n with whole numbers, got \"" + t + "\"");
        }
    }

    public boolean isAll() {
        return count == 1;
    }

    /** Does the scenario with this id belong to this shard? */
    public boolean contains(String scenarioId) {
        return Math.floorMod(hash(scenarioId), count) == index - 1;
    }

    /** The shard (1..count) a scenario id belongs to. */
    public static int of(String scenarioId, int count) {
        return 1 + (int) Math.floorMod(hash(scenarioId), (long) count);
    }

    /** The items of {@code all} at the positions this shard owns (round-robin). */
    public <T> List<T> pick(List<T> all) {
        List<T> mine = new ArrayList<>();
        for (int p = 0; p < all.size(); p++) if (p % count == index - 1) mine.add(all.get(p));
        return mine;
    }

    /**
     * A stable 64-bit hash: the same on every JVM and platform (unlike String.hashCode's spread,
     * which is too weak).
     */
    static long hash(String id) {
        byte[] d = Sha256.digest().digest(id.getBytes(StandardCharsets.UTF_8));
        return ByteBuffer.wrap(d, 0, 8).getLong();
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
