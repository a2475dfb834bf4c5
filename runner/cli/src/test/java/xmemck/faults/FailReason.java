package xmemck.faults;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import xmemck.oracle.Catalogue;
import xmemck.oracle.ClauseKind;

/**
 * The clauses a FAIL verdict names, read back from a scenario's reason as the glue writes it: a first line
 * {@code FAIL [clauses the call was judged on]}, then one line per finding starting {@code clause: }, then the call.
 *
 * <p>A FAIL catches a fault on a clause when a finding names that clause, or when the clause belongs to the allowed
 * outcome the call departed from (the judge names that outcome's first clause in its return-value finding; the
 * ioctl's {@code copyout.ioctl-efault} comes second). The judged list also holds every invariant the judge checked,
 * broken or not, so an invariant counts only when a finding names it.
 */
record FailReason(List<String> judged, List<String> findings) {

    private static final String PREFIX = "FAIL [";

    static FailReason parse(String reason) {
        if (reason == null || !reason.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a FAIL reason (it should start with \"" + PREFIX + "\"): " + abbreviate(reason));
        }
        int close = reason.indexOf(']');
        int newline = reason.indexOf('\n');
        if (close < 0 || (newline >= 0 && close > newline)) {
            throw new IllegalArgumentException("a FAIL reason's first line should end its clause list with \"]\": " + abbreviate(reason));
        }
        Set<String> judged = new LinkedHashSet<>();
        for (String id : reason.substring(PREFIX.length(), close).split(",")) if (!id.isBlank()) judged.add(id.strip());
        Set<String> findings = new LinkedHashSet<>();
        if (newline >= 0) {
            for (String line : reason.substring(newline + 1).split("\n")) {
                int colon = line.indexOf(": ");
                if (colon <= 0) continue;
                String id = line.substring(0, colon);
                // Diff lines and the call line start with other words; only catalogue ids are findings.
                if (Catalogue.contains(id)) findings.add(id);
            }
        }
        return new FailReason(List.copyOf(judged), List.copyOf(findings));
    }

    boolean caughtOn(String clause) {
        if (findings.contains(clause)) return true;
        return judged.contains(clause) && Catalogue.byId(clause).map(c -> c.kind() != ClauseKind.INVARIANT).orElse(false);
    }

    private static String abbreviate(String s) {
        if (s == null) return "null";
        return s.length() <= 200 ? "\"" + s + "\"" : "\"" + s.substring(0, 200) + "...\"";
    }
}
