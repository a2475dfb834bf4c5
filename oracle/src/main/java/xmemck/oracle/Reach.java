package xmemck.oracle;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * What a copy of {@code length} bytes can store, found by walking its destination (and its source)
 * in address order: every byte it cannot store is blocked by a cause (a clause id); the rest is
 * writable. A copy that meets no cause succeeds; one that meets any fails, and may have stored any
 * of the writable bytes ({@code inv.failure-effect}).
 */
final class Reach {
    private record Blocked(long from, long to, String cause) {}

    private final long length;
    private final List<Blocked> blocked = new ArrayList<>();

    Reach(long length) {
        this.length = length;
    }

    /**
     * Bytes {@code [from, to)} of the copy (indexes into it) cannot be stored, because of {@code
     * cause}.
     */
    void block(long from, long to, String cause) {
        from = Math.max(0, from);
        to = Math.min(length, to);
        if (from < to) blocked.add(new Blocked(from, to, cause));
    }

    boolean complete() {
        return blocked.isEmpty();
    }

    /** A copy blocked wherever this one or {@code other} is. */
    Reach plus(Reach other) {
        Reach out = new Reach(length);
        out.blocked.addAll(blocked);
        out.blocked.addAll(other.blocked);
        return out;
    }

    /** The causes met, by the address of the first byte each blocks. */
    List<String> causes() {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        blocked.stream()
                .sorted(Comparator.comparingLong(Blocked::from))
                .forEach(b -> out.add(b.cause()));
        return List.copyOf(out);
    }

    /** The first byte the copy cannot store, or {@code length}. */
    long firstBlocked() {
        long first = length;
        for (Blocked b : blocked) first = Math.min(first, b.from());
        return first;
    }

    /** The bytes the copy can store: {@code [0, length)} without the blocked ranges. */
    List<Effect.Range> writable() {
        List<Blocked> sorted = new ArrayList<>(blocked);
        sorted.sort(Comparator.comparingLong(Blocked::from));
        List<Effect.Range> out = new ArrayList<>();
        long at = 0;
        for (Blocked b : sorted) {
            if (b.from() > at) out.add(new Effect.Range(at, b.from()));
            at = Math.max(at, b.to());
        }
        if (at < length) out.add(new Effect.Range(at, length));
        return Effect.Range.merge(out);
    }
}
