package xmemck.oracle;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Builds the {@link Picture} of each object a non-conforming call wrote or was found to change.
 * Runs only for calls that did not conform, while the model still holds memory as it was before the
 * call.
 */
final class Pictures {
    /** More rows than this and rows far from anything worth seeing become gaps. */
    static final int MAX_ROWS = 48;

    /** Rows kept on each side of a row worth seeing. */
    private static final int CONTEXT = 1;

    private static final int PAGE = MemObject.PAGE;
    private static final String ALL_OLD =
            String.valueOf(Picture.Line.OLD.code).repeat(Picture.LINES_PER_PAGE);
    private static final String ALL_NEW =
            String.valueOf(Picture.Line.NEW.code).repeat(Picture.LINES_PER_PAGE);
    private static final String UNREADABLE =
            String.valueOf(Picture.Line.UNREADABLE.code).repeat(Picture.LINES_PER_PAGE);

    private final Candidates candidates;

    Pictures(Candidates candidates) {
        this.candidates = candidates;
    }

    List<Picture> of(
            List<Seen> seen,
            List<Effect.Write> writes,
            Judge.Facts facts,
            List<Finding> findings,
            String returned,
            String allowed) {
        Set<String> objects = new LinkedHashSet<>();
        for (Effect.Write w : writes) if (w.length() > 0) objects.add(w.object());
        for (Finding f : findings) if (f.bytes() != null) objects.add(f.bytes().object());
        List<Picture> out = new ArrayList<>();
        for (String name : objects) {
            Seen s = Seen.find(name, seen);
            if (s != null) out.add(picture(s, writes, facts, findings, returned, allowed));
        }
        return out;
    }

    private Picture picture(
            Seen s,
            List<Effect.Write> writes,
            Judge.Facts facts,
            List<Finding> findings,
            String returned,
            String allowed) {
        MemObject o = s.object;
        List<Picture.Range> destinations = new ArrayList<>();
        for (Effect.Write w : writes) {
            Picture.Range r = new Picture.Range(w.offset(), w.offset() + w.length());
            if (w.object().equals(o.name) && w.length() > 0 && !destinations.contains(r))
                destinations.add(r);
        }
        List<Long> differences = new ArrayList<>();
        for (Finding f : findings)
            if (f.bytes() != null && f.bytes().object().equals(o.name))
                differences.add(f.bytes().first());

        List<Picture.Row> rows = new ArrayList<>();
        for (long p = s.firstPage(); p < s.endPage(); p++) {
            Picture.Place place =
                    p < 0
                            ? Picture.Place.GUARD_BEFORE
                            : p >= o.pages ? Picture.Place.GUARD_AFTER : Picture.Place.PAGES;
            boolean unstorable = unstorable(o.name, p, writes);
            String lines = lines(s, p, writes, facts);
            Picture.Row last = rows.isEmpty() ? null : rows.getLast();
            if (last != null
                    && last.place() == place
                    && last.unstorable() == unstorable
                    && last.lines().equals(lines)
                    && last.lastPage() == p - 1) {
                rows.set(
                        rows.size() - 1,
                        new Picture.Row(place, last.firstPage(), p, unstorable, lines));
            } else {
                rows.add(new Picture.Row(place, p, p, unstorable, lines));
            }
        }
        return new Picture(
                o.name,
                o.describe(),
                o.pages,
                destinations,
                elide(rows),
                returned,
                allowed,
                differences);
    }

    /**
     * A page some failure alternative says the copy cannot store into (outside every writable range
     * of a partial write).
     */
    private static boolean unstorable(String object, long page, List<Effect.Write> writes) {
        for (Effect.Write w : writes) {
            if (!Candidates.meets(w, object, page)
                    || !(w.extent() instanceof Effect.Extent.Partial part)) continue;
            long lo = Math.max(page * PAGE, w.offset()) - w.offset(),
                    hi = Math.min((page + 1) * PAGE, w.offset() + w.length()) - w.offset();
            long covered = 0;
            for (Effect.Range r : part.writable())
                covered += Math.max(0, Math.min(hi, r.to()) - Math.max(lo, r.from()));
            if (covered < hi - lo) return true;
        }
        return false;
    }

    private String lines(Seen s, long p, List<Effect.Write> writes, Judge.Facts facts) {
        MemObject o = s.object;
        if (!s.readable(p)) return UNREADABLE;
        List<Effect.Write> here = Candidates.on(writes, o.name, p);
        if (here.isEmpty() && facts.isOld(o.name, p)) return ALL_OLD;
        for (Effect.Write w : here) {
            if (w.offset() <= p * PAGE
                    && w.offset() + w.length() >= (p + 1) * PAGE
                    && facts.isNew(o.name, p, w)) return ALL_NEW;
        }
        PageContent got = s.page(p), was = o.page(p);
        List<PageContent> fresh = new ArrayList<>(here.size());
        for (Effect.Write w : here) fresh.add(candidates.newPage(w, o, p));
        StringBuilder sb = new StringBuilder(Picture.LINES_PER_PAGE);
        for (int line = 0; line < Picture.LINES_PER_PAGE; line++) {
            boolean outside = false, foreign = false, isNew = false, oldInDestination = false;
            for (int i = line * Picture.LINE; i < (line + 1) * Picture.LINE; i++) {
                byte g = got.at(i), old = was.at(i);
                long off = p * PAGE + i;
                boolean covered = false, matchesNew = false;
                for (int k = 0; k < here.size(); k++) {
                    Effect.Write w = here.get(k);
                    if (off < w.offset() || off >= w.offset() + w.length()) continue;
                    covered = true;
                    if (fresh.get(k).at(i) == g) matchesNew = true;
                }
                if (!covered) outside |= g != old;
                else if (matchesNew) isNew |= true;
                else if (g == old) oldInDestination = true;
                else foreign = true;
            }
            Picture.Line l =
                    outside
                            ? Picture.Line.OUTSIDE
                            : foreign
                                    ? Picture.Line.FOREIGN
                                    : isNew && oldInDestination
                                            ? Picture.Line.MIXED
                                            : isNew ? Picture.Line.NEW : Picture.Line.OLD;
            sb.append(l.code);
        }
        return sb.toString();
    }

    /**
     * Keeps the guard pages, rows worth seeing (anything but old and new lines, or where
     * storability changes) and their neighbours; the rest become gap rows, so a 256 MiB object
     * still draws as a few rows.
     */
    static List<Picture.Row> elide(List<Picture.Row> rows) {
        if (rows.size() <= MAX_ROWS) return rows;
        boolean[] keep = new boolean[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            Picture.Row r = rows.get(i);
            boolean worth =
                    r.place() != Picture.Place.PAGES
                            || (i > 0 && rows.get(i - 1).unstorable() != r.unstorable())
                            || r.lines()
                                    .chars()
                                    .anyMatch(
                                            c ->
                                                    c != Picture.Line.OLD.code
                                                            && c != Picture.Line.NEW.code);
            if (worth)
                for (int j = Math.max(0, i - CONTEXT);
                        j <= Math.min(rows.size() - 1, i + CONTEXT);
                        j++) keep[j] = true;
        }
        List<Picture.Row> out = new ArrayList<>();
        int kept = 0;
        for (int i = 0; i < rows.size(); i++) {
            Picture.Row r = rows.get(i);
            boolean last = i == rows.size() - 1;
            if ((keep[i] && kept < MAX_ROWS - 2)
                    || (last && r.place() == Picture.Place.GUARD_AFTER)) {
                out.add(r);
                kept++;
                continue;
            }
            Picture.Row prev = out.isEmpty() ? null : out.getLast();
            if (prev != null && prev.place() == Picture.Place.GAP)
                out.set(
                        out.size() - 1,
                        new Picture.Row(
                                Picture.Place.GAP, prev.firstPage(), r.lastPage(), false, ""));
            else
                out.add(new Picture.Row(Picture.Place.GAP, r.firstPage(), r.lastPage(), false, ""));
        }
        return out;
    }
}
