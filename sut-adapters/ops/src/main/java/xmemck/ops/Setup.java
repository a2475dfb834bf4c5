package xmemck.ops;

/**
 * Operations that build the world before and between calls. An adapter that cannot create a
 * condition answers {@link Result.Unsupported} with the reason; it never pretends.
 */
public sealed interface Setup extends Op {

    /** A user process with its own address space (and its own user block). */
    record CreateProcess(String name) implements Setup {
        public CreateProcess {
            Names.check("process", name);
            if (Names.KERNEL.equals(name))
                throw new IllegalArgumentException(
                        "\"kernel\" is the kernel's address space, not a process name");
        }

        public String describe() {
            return "create process " + name;
        }
    }

    /**
     * A region of {@code pages} pages in {@code space} (a process name, or {@code "kernel"} for
     * kernel global memory), all resident, with protection {@code prot} and initial content {@link
     * Fill} of {@code seed}. The region is its own AIX segment (its name is the segment id) and is
     * surrounded by guard pages.
     */
    record MapRegion(String name, String space, int pages, Prot prot, long seed) implements Setup {
        public MapRegion {
            Names.check("region", name);
            Names.check("space", space);
            if (pages < 1)
                throw new IllegalArgumentException(
                        "region " + name + ": pages must be >= 1, got " + pages);
            if ((long) pages * Layout.PAGE_SIZE > 4 * Layout.SEGMENT_SIZE)
                throw new IllegalArgumentException("region " + name + ": at most 1 GiB");
            if (prot == null)
                throw new IllegalArgumentException("region " + name + ": protection is required");
        }

        public long size() {
            return (long) pages * Layout.PAGE_SIZE;
        }

        public String describe() {
            return "map region "
                    + name
                    + " of "
                    + pages
                    + " page(s) "
                    + prot
                    + " in "
                    + space
                    + " (seed "
                    + seed
                    + ")";
        }
    }

    /**
     * A region like {@link MapRegion} in user process {@code process}, placed so that it ends where
     * the process's user block begins: the guard page after it is the first page of the user block.
     * That page's content is the region's {@link Fill} pattern for the offsets it occupies (so a
     * write into the user block is seen); a copy that runs off the region's end runs into the user
     * block.
     */
    record MapRegionBelowUserBlock(String name, String process, int pages, Prot prot, long seed)
            implements Setup {
        public MapRegionBelowUserBlock {
            new MapRegion(name, process, pages, prot, seed); // the same checks
            if (Names.KERNEL.equals(process))
                throw new IllegalArgumentException(
                        "region " + name + ": the kernel has no user block; name a process");
        }

        public MapRegion region() {
            return new MapRegion(name, process, pages, prot, seed);
        }

        public String describe() {
            return "map region "
                    + name
                    + " of "
                    + pages
                    + " page(s) "
                    + prot
                    + " in "
                    + process
                    + " just below its user block (seed "
                    + seed
                    + ")";
        }
    }

    /**
     * A region like {@link MapRegion} that straddles a 256 MiB AIX segment boundary: its pages
     * before {@code boundaryPage} lie at the end of one segment and the others at the start of the
     * next. Only the placement differs from {@link MapRegion}; a descriptor attached to it covers
     * both segments.
     */
    record MapRegionAcrossSegments(
            String name, String space, int pages, Prot prot, long seed, int boundaryPage)
            implements Setup {
        public MapRegionAcrossSegments {
            new MapRegion(name, space, pages, prot, seed); // the same checks
            if (boundaryPage < 1 || boundaryPage >= pages) {
                throw new IllegalArgumentException(
                        "region "
                                + name
                                + ": the segment boundary must fall inside the region (page 1.."
                                + (pages - 1)
                                + "), got page "
                                + boundaryPage);
            }
        }

        public MapRegion region() {
            return new MapRegion(name, space, pages, prot, seed);
        }

        public String describe() {
            return "map region "
                    + name
                    + " of "
                    + pages
                    + " page(s) "
                    + prot
                    + " in "
                    + space
                    + " across a segment boundary at page "
                    + boundaryPage
                    + " (seed "
                    + seed
                    + ")";
        }
    }

    /**
     * A file segment for {@code vm_mvc}: {@code pages} file pages (sid = {@code sid}, pno =
     * 0..pages-1), each associated with a real frame and filled with {@link Fill} of {@code seed}.
     */
    record CreateFileSegment(String sid, int pages, long seed) implements Setup {
        public CreateFileSegment {
            Names.check("segment", sid);
            if (pages < 1)
                throw new IllegalArgumentException(
                        "file segment " + sid + ": pages must be >= 1, got " + pages);
        }

        public String describe() {
            return "create file segment " + sid + " of " + pages + " page(s) (seed " + seed + ")";
        }
    }

    /**
     * File page {@code (sid, pno)} loses (or regains, with its previous content) its real frame.
     */
    record SetFrame(String sid, long pno, boolean hasFrame) implements Setup {
        public SetFrame {
            Names.check("segment", sid);
        }

        public String describe() {
            return "file page "
                    + sid
                    + "/"
                    + pno
                    + (hasFrame ? " has a real frame" : " has no real frame");
        }
    }

    /** Change the protection of pages {@code [firstPage, firstPage + pages)} of an object. */
    record Protect(String object, int firstPage, int pages, Prot prot) implements Setup {
        public Protect {
            Names.check("object", object);
            PageRange.check(firstPage, pages);
        }

        public String describe() {
            return "protect " + PageRange.text(object, firstPage, pages) + " " + prot;
        }
    }

    /** Unmap pages of a region, leaving a hole. */
    record Unmap(String object, int firstPage, int pages) implements Setup {
        public Unmap {
            Names.check("object", object);
            PageRange.check(firstPage, pages);
        }

        public String describe() {
            return "unmap " + PageRange.text(object, firstPage, pages);
        }
    }

    /** Put pages of a region into a {@link PageState}. */
    record SetPageState(String object, int firstPage, int pages, PageState state) implements Setup {
        public SetPageState {
            Names.check("object", object);
            PageRange.check(firstPage, pages);
        }

        public String describe() {
            return "make " + PageRange.text(object, firstPage, pages) + " " + state;
        }
    }

    /**
     * An uncorrectable hardware error (ECC, parity) in 64-byte lines {@code [firstLine, firstLine +
     * lines)} of a region: any access to those lines fails; the rest of their pages works. The
     * pages holding them are in state {@link PageState#HARDWARE_ERROR}, which {@link SetPageState}
     * gives to every line of a page at once.
     */
    record DamageLines(String object, long firstLine, long lines) implements Setup {
        public DamageLines {
            Names.check("object", object);
            if (firstLine < 0 || lines < 1)
                throw new IllegalArgumentException(
                        "damaged lines: first >= 0 and count >= 1 required");
        }

        public String describe() {
            return "uncorrectable hardware error in line"
                    + (lines == 1
                            ? " " + firstLine
                            : "s " + firstLine + ".." + (firstLine + lines - 1))
                    + " of "
                    + object;
        }
    }

    /** Pin pages of a region (they stay resident; a pinned page cannot be paged out). */
    record Pin(String object, int firstPage, int pages) implements Setup {
        public Pin {
            Names.check("object", object);
            PageRange.check(firstPage, pages);
        }

        public String describe() {
            return "pin " + PageRange.text(object, firstPage, pages);
        }
    }

    /**
     * Give 64-byte lines {@code [firstLine, firstLine + lines)} of a region the ADI version {@code
     * version}; this enables ADI checking for the whole region (lines never set keep version 0).
     */
    record SetAdiVersion(String object, long firstLine, long lines, int version) implements Setup {
        public SetAdiVersion {
            Names.check("object", object);
            if (firstLine < 0 || lines < 1)
                throw new IllegalArgumentException("ADI lines: first >= 0 and count >= 1 required");
            if (version < 0 || version > 15)
                throw new IllegalArgumentException("ADI version must be 0..15, got " + version);
        }

        public String describe() {
            return "ADI version "
                    + version
                    + " on lines "
                    + firstLine
                    + ".."
                    + (firstLine + lines - 1)
                    + " of "
                    + object;
        }
    }

    /** Delete the segment that holds a region (the AIX segment of the user buffer). */
    record DeleteSegment(String object) implements Setup {
        public DeleteSegment {
            Names.check("object", object);
        }

        public String describe() {
            return "delete the segment of " + object;
        }
    }

    /** Helpers for page ranges. */
    final class PageRange {
        private PageRange() {}

        static void check(int first, int pages) {
            if (first < 0 || pages < 1)
                throw new IllegalArgumentException(
                        "page range needs first >= 0 and count >= 1, got first "
                                + first
                                + ", count "
                                + pages);
        }

        static String text(String object, int first, int pages) {
            return pages == 1
                    ? "page " + first + " of " + object
                    : "pages " + first + ".." + (first + pages - 1) + " of " + object;
        }
    }
}
