package xmemck.glue;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import xmemck.ops.Addr;
import xmemck.ops.Prot;
import xmemck.oracle.Effect;

/**
 * What a feature's "Then" step states about the last call, as data. {@link ClaimCheck} compares a
 * claim with the oracle's expectation, so that a feature and the oracle can never silently
 * disagree.
 */
public sealed interface Claim {

    /** The claim in the feature's words (for messages). */
    String describe();

    /** The call returns one of {@code values}, and the documents allow nothing else. */
    record Returns(String service, Set<Long> values) implements Claim {
        public Returns {
            values = Set.copyOf(values);
        }

        public String describe() {
            return service
                    + " returns "
                    + values.stream()
                            .sorted()
                            .map(String::valueOf)
                            .collect(Collectors.joining(" or "));
        }
    }

    /**
     * The bytes {@code [destination, +length)} become an exact copy of {@code [source, +length)}.
     */
    record Copy(Addr.In destination, long length, Addr.In source) implements Claim {
        public String describe() {
            return "the "
                    + length
                    + " bytes at "
                    + destination.describe()
                    + " are a copy of "
                    + source.describe();
        }
    }

    /**
     * The call fails and the destination may hold the source's bytes only where the copy could
     * store them ({@code inv.failure-effect}): each byte in {@code storable} (indexes into the
     * destination, sorted) is unchanged or the source's byte, every other byte unchanged. {@code
     * storable} null: the feature does not say which bytes.
     */
    record PartialCopy(
            Addr.In destination, long length, Addr.In source, List<Effect.Range> storable)
            implements Claim {
        public PartialCopy {
            storable = storable == null ? null : List.copyOf(storable);
        }

        public String describe() {
            return "the "
                    + length
                    + " bytes at "
                    + destination.describe()
                    + " are unchanged or partly a copy of "
                    + source.describe()
                    + (storable == null ? "" : " within " + ranges(storable));
        }
    }

    /** No byte of {@code [destination, +length)} may change. */
    record Unchanged(Addr.In destination, long length) implements Claim {
        public String describe() {
            return "the " + length + " bytes at " + destination.describe() + " are unchanged";
        }
    }

    /** Nothing in {@code object} (bytes or protections) may change. */
    record ObjectUnchanged(String object) implements Claim {
        public String describe() {
            return object + " is unchanged";
        }
    }

    /** The bytes {@code [destination, +length)} become zero. */
    record Zeros(Addr.In destination, long length) implements Claim {
        public String describe() {
            return "the " + length + " bytes at " + destination.describe() + " are zero";
        }
    }

    /**
     * Page {@code page} of {@code object} gets one of the protections {@code allowed}, and the
     * oracle allows no other.
     */
    record Protection(String object, long page, Set<Prot> allowed) implements Claim {
        public Protection {
            allowed = Set.copyOf(allowed);
        }

        public String describe() {
            return "page "
                    + page
                    + " of "
                    + object
                    + (allowed.size() == 1
                            ? " becomes " + ParameterTypes.protWord(allowed.iterator().next())
                            : " no longer allows writes");
        }
    }

    /** Descriptor {@code dp} now describes {@code count} bytes at {@code at}. */
    record Attached(String dp, Addr.In at, long count) implements Claim {
        public String describe() {
            return "descriptor " + dp + " describes " + count + " bytes at " + at.describe();
        }
    }

    /** Descriptor {@code dp} is no longer valid (XMEM_INVAL). */
    record Detached(String dp) implements Claim {
        public String describe() {
            return "descriptor " + dp + " is no longer valid";
        }
    }

    /** The call breaks caller obligation {@code clause}: the documents promise nothing. */
    record OutsideContract(String clause) implements Claim {
        public String describe() {
            return "the call breaks the caller obligation " + clause;
        }
    }

    /** {@code inv.no-write-outside}: every allowed effect lies inside the call's destination. */
    record NothingOutsideDestination() implements Claim {
        public String describe() {
            return "nothing outside the destination changes";
        }
    }

    /** {@code inv.source-unchanged}: no allowed effect touches the call's source. */
    record SourceUnchanged() implements Claim {
        public String describe() {
            return "the source is unchanged";
        }
    }

    /**
     * {@code inv.no-foreign-data}: every byte an allowed effect writes is the matching source byte
     * (or a zero the command asks for).
     */
    record NoForeignData() implements Claim {
        public String describe() {
            return "every byte written comes from the source";
        }
    }

    /**
     * No statement beyond "whatever the implementation did is allowed" (used by replayed
     * counterexamples).
     */
    record Conforms() implements Claim {
        public String describe() {
            return "the outcome is allowed by the documentation";
        }
    }

    /** "its first 4096 bytes", "bytes 0 to 639 and 704 to 4095". */
    static String ranges(List<Effect.Range> ranges) {
        if (ranges.size() == 1 && ranges.getFirst().from() == 0)
            return "its first " + ranges.getFirst().to() + " bytes";
        StringBuilder sb = new StringBuilder("bytes ");
        for (Effect.Range r : ranges)
            sb.append(sb.length() > 6 ? " and " : "")
                    .append(r.from())
                    .append(" to ")
                    .append(r.to() - 1);
        return sb.toString();
    }

    /** A claim about memory needs an object address, not a special place. */
    static Addr.In inObject(Addr addr) {
        if (addr instanceof Addr.In in) return in;
        throw new IllegalArgumentException(
                "a claim about memory needs an object address such as ubuf+0, got \""
                        + addr.describe()
                        + "\"");
    }
}
