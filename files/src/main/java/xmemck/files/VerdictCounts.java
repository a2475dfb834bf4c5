package xmemck.files;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.function.ToLongFunction;
import xmemck.oracle.Verdict;

/**
 * How many scenarios (or fuzz cases) ended with each verdict, as every file writes it: every
 * verdict, zero included, keyed by its enum name in the verdicts' order, {@code {"PASS": 3,
 * "OUTSIDE_CONTRACT": 0, "UNSUPPORTED": 1, "FAIL": 0, "ERROR": 0}}. (Where a verdict is a value
 * rather than a key, files write its label, {@code OUTSIDE-CONTRACT}.) Each count is required when
 * a file is read.
 */
public record VerdictCounts(
        @JsonProperty(value = "PASS", required = true) long pass,
        @JsonProperty(value = "OUTSIDE_CONTRACT", required = true) long outsideContract,
        @JsonProperty(value = "UNSUPPORTED", required = true) long unsupported,
        @JsonProperty(value = "FAIL", required = true) long fail,
        @JsonProperty(value = "ERROR", required = true) long error) {

    public static VerdictCounts of(ToLongFunction<Verdict> count) {
        return new VerdictCounts(
                count.applyAsLong(Verdict.PASS),
                count.applyAsLong(Verdict.OUTSIDE_CONTRACT),
                count.applyAsLong(Verdict.UNSUPPORTED),
                count.applyAsLong(Verdict.FAIL),
                count.applyAsLong(Verdict.ERROR));
    }

    public long get(Verdict v) {
        return switch (v) {
            case PASS -> pass;
            case OUTSIDE_CONTRACT -> outsideContract;
            case UNSUPPORTED -> unsupported;
            case FAIL -> fail;
            case ERROR -> error;
        };
    }
}
