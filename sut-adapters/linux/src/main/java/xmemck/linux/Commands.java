package xmemck.linux;

import java.util.ArrayDeque;
import xmemck.spi.SutFailure;

/**
 * The commands sent to one helper, in order, and the answers it gives in the same order.
 *
 * <p>A round trip to another process costs tens of microseconds, more than the system calls it
 * carries, so a change that answers nothing but "done" is queued ({@link #post}) and the queue sent
 * as one write ({@link #flush}); the answers are read when something depends on the changes ({@link
 * #settle}), or before the answer of the next command that returns a value ({@link #call}).
 * Meanwhile the kit goes on with its own work, and the helper with its. A change of protection
 * matters only to what the helper's protections decide (a cross-memory move into it, the protection
 * it shows); a change of mappings (a hole, a page backed by another file) also to what its address
 * space holds, which is what the kit reads there ({@link #settleMappings}).
 *
 * <p>Counting commands posted, written and answered, a "ticket" names the point where everything
 * posted so far is carried out. What restores a region kept for later worlds, or lets one go, is
 * posted in the background ({@link #background}): it rides along with the next batch, and the
 * current world does not wait for it unless it takes that region ({@link #need}).
 *
 * <p>A change that fails leaves the helper's mappings other than the adapter believes. If the
 * current world depends on it the settle fails and the helper is broken (replaced at the next
 * reset). A background change that fails loses its kept region (it is let go instead of taken) and
 * has the helper replaced at the next reset ({@link #stale}).
 */
final class Commands {

    /** How the helper's end of the answers came to be closed, for the message. */
    interface Gone {
        SutFailure during(String what);
    }

    /** A posted command; a background one may be for a kept region. */
    private record Pending(String command, boolean background, Region kept) {}

    private final Channel channel;
    private final long timeoutMillis;
    private final String helper;
    private final Gone gone;

    /** Queued commands not yet written. */
    private final StringBuilder outbox = new StringBuilder();

    /** Commands written or queued whose answers have not been read yet, oldest first. */
    private final ArrayDeque<Pending> unanswered = new ArrayDeque<>();

    /**
     * Commands posted, written and answered so far; how far the current world depends on them
     * ({@code needed}), and on those that change mappings ({@code neededMappings}).
     */
    private long posted, sent, answered, needed, neededMappings;

    private boolean background;
    private Region keptOwner;
    private boolean broken, stale;

    Commands(Channel channel, long timeoutMillis, String helper, Gone gone) {
        this.channel = channel;
        this.timeoutMillis = timeoutMillis;
        this.helper = helper;
        this.gone = gone;
    }

    /** The helper failed, or its answers can no longer be trusted to match the commands. */
    boolean broken() {
        return broken;
    }

    /** Something nobody waited for failed in the helper: replace it at the next reset. */
    boolean stale() {
        return stale;
    }

    /**
     * Queue a command that answers nothing but "done"; {@code mapping}: it changes what is mapped,
     * not only a protection. Unless it is posted in the {@link #background}, the current world
     * depends on it.
     */
    void post(String command, boolean mapping) throws SutFailure {
        if (broken)
            throw new SutFailure(
                    SutFailure.Kind.CRASHED,
                    helper + " failed earlier and cannot take \"" + command + "\"");
        outbox.append(command).append('\n');
        unanswered.add(new Pending(command, background, keptOwner));
        posted++;
        if (!background) {
            needed = posted;
            if (mapping) neededMappings = posted;
        }
    }

    /**
     * What is posted from now on restores {@code kept} for later worlds, or (null) lets a region
     * go: no world waits for it.
     */
    void background(Region kept) {
        background = true;
        keptOwner = kept;
    }

    /** What is posted from now on is the current world's. */
    void foreground() {
        background = false;
        keptOwner = null;
    }

    /** The ticket of everything posted so far. */
    long ticket() {
        return posted;
    }

    /**
     * Whether everything up to {@code ticket} has been carried out, as far as the answers that have
     * arrived tell.
     */
    boolean carriedOut(long ticket) throws SutFailure {
        while (answered < ticket && answered < sent) {
            String a = channel.readLine(0);
            if (a == null) break;
            take(check(a, "a command"));
        }
        return answered >= ticket;
    }

    /**
     * The current world depends on what was posted up to {@code ticket} (the restore of a kept
     * region it took).
     */
    void need(long ticket) {
        needed = Math.max(needed, ticket);
        neededMappings = Math.max(neededMappings, ticket);
    }

    /**
     * Send what the current world posted (and whatever was queued before it), without waiting for
     * the answers.
     */
    void flushNeeded() throws SutFailure {
        if (sent < needed) flush();
    }

    /** Send everything queued, without waiting for the answers. */
    void flush() throws SutFailure {
        if (outbox.isEmpty()) return;
        if (broken) {
            outbox.setLength(0);
            return;
        }
        // answers nobody waited for are read before more commands go, so that they never fill the
        // pipe while the kit writes
        carriedOut(sent);
        boolean written = channel.write(outbox.toString());
        outbox.setLength(0);
        sent = posted;
        if (!written) {
            broken = true;
            throw new SutFailure(SutFailure.Kind.CRASHED, helper + " no longer reads its commands");
        }
    }

    /**
     * Wait until the helper has carried out everything the current world depends on; fails if some
     * of it failed.
     */
    void settle() throws SutFailure {
        settle(needed);
    }

    /**
     * Wait until the helper's address space holds what the current world mapped there (protections
     * aside).
     */
    void settleMappings() throws SutFailure {
        settle(neededMappings);
    }

    /**
     * Wait until the helper has carried out everything up to {@code ticket}, kept regions' restores
     * included.
     */
    void carryOut(long ticket) throws SutFailure {
        settle(ticket);
    }

    private void settle(long upTo) throws SutFailure {
        if (answered >= upTo) return;
        if (broken) {
            // its failure was reported when it happened; what it was sent after that is moot, and
            // it is replaced at the reset
            abandon();
            return;
        }
        if (sent < upTo) flush();
        while (answered < upTo) take(await("\"" + unanswered.peekFirst().command() + "\""));
    }

    /** The answer to the oldest posted command, which must be "done". */
    private void take(String a) throws SutFailure {
        Pending p = unanswered.removeFirst();
        answered++;
        if (a.equals("OK")) return;
        if (p.background() && (p.kept() == null || !p.kept().held)) {
            // no world holds what it was for: the region is let go, the helper replaced at the next
            // reset
            if (p.kept() != null) p.kept().lost = true;
            stale = true;
            return;
        }
        broken = true;
        throw new SutFailure(
                SutFailure.Kind.INTERNAL,
                helper
                        + " could not carry out \""
                        + p.command()
                        + "\": "
                        + a
                        + " (the helper is replaced at the next reset)");
    }

    /**
     * Send one command after the queued ones and wait for its answer; answers its value ("" when
     * none).
     */
    String call(String command) throws OsError, SutFailure {
        post(command, true);
        settle(posted - 1);
        flush();
        unanswered.removeFirst();
        answered++;
        String a = await("\"" + command + "\"");
        if (a.equals("OK")) return "";
        if (a.startsWith("OK ")) return a.substring(3);
        if (a.startsWith("ERR ")) {
            String[] w = a.split(" ", 3);
            throw new OsError(
                    helper + ": " + command + " (" + (w.length > 2 ? w[2] : "") + ")",
                    Integer.parseInt(w[1]));
        }
        broken = true;
        throw new SutFailure(
                SutFailure.Kind.PROTOCOL,
                helper + " answered \"" + a + "\" to \"" + command + "\"");
    }

    /** The helper's first line, if it came within {@code millis}; null if not yet. */
    String first(long millis) throws SutFailure {
        String a = channel.readLine(millis);
        return a == null ? null : check(a, "start");
    }

    private String await(String what) throws SutFailure {
        String a = channel.readLine(timeoutMillis);
        if (a == null) {
            broken = true;
            throw new SutFailure(
                    SutFailure.Kind.HUNG,
                    helper + " did not answer " + what + " within " + timeoutMillis + " ms");
        }
        return check(a, what);
    }

    private String check(String a, String what) throws SutFailure {
        if (a.equals(Channel.END)) {
            broken = true;
            throw gone.during(what);
        }
        return a;
    }

    /** Forget everything queued and unanswered; nothing more is sent. */
    void abandon() {
        outbox.setLength(0);
        unanswered.clear();
        answered = sent = posted;
        broken = true;
    }
}
