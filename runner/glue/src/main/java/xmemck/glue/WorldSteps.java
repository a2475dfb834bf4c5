package xmemck.glue;

import io.cucumber.java.en.Given;
import xmemck.ops.Names;
import xmemck.ops.Prot;
import xmemck.ops.Setup;

/**
 * Steps that build the world: processes, buffers, page conditions, file segments. Each runs one
 * set-up operation.
 */
public class WorldSteps {
    private final ScenarioRun run;

    /**
     * Cucumber's object factory (picocontainer) gives every step class of one scenario the same
     * {@link ScenarioRun}.
     */
    public WorldSteps(ScenarioRun run) {
        this.run = run;
    }

    @Given("a user process {name}")
    public void process(String name) {
        run.apply(new Setup.CreateProcess(name));
    }

    @Given("user processes {name} and {name}")
    public void processes(String first, String second) {
        run.apply(new Setup.CreateProcess(first));
        run.apply(new Setup.CreateProcess(second));
    }

    @Given("a kernel buffer {name} of {int} page(s)")
    public void kernelBuffer(String name, int pages) {
        run.apply(new Setup.MapRegion(name, Names.KERNEL, pages, Prot.READ_WRITE, Seeds.of(name)));
    }

    @Given("a user buffer {name} of {int} page(s) in process {name}")
    public void userBuffer(String name, int pages, String process) {
        run.apply(new Setup.MapRegion(name, process, pages, Prot.READ_WRITE, Seeds.of(name)));
    }

    /** The explicit form (every field of the operation), as replayed counterexamples write it. */
    @Given("a region {name} of {int} page(s) in {name} with protection {prot} and fill seed {long}")
    public void region(String name, int pages, String space, Prot prot, long seed) {
        run.apply(new Setup.MapRegion(name, space, pages, prot, seed));
    }

    @Given("a user buffer {name} of {int} page(s) in process {name} just below its user block")
    public void userBufferBelowUserBlock(String name, int pages, String process) {
        run.apply(
                new Setup.MapRegionBelowUserBlock(
                        name, process, pages, Prot.READ_WRITE, Seeds.of(name)));
    }

    @Given(
            "a region {name} of {int} page(s) in {name} just below its user block with protection {prot} and fill seed {long}")
    public void regionBelowUserBlock(String name, int pages, String process, Prot prot, long seed) {
        run.apply(new Setup.MapRegionBelowUserBlock(name, process, pages, prot, seed));
    }

    @Given(
            "a user buffer {name} of {int} page(s) in process {name} across a segment boundary at page {int}")
    public void userBufferAcrossSegments(String name, int pages, String process, int boundary) {
        run.apply(
                new Setup.MapRegionAcrossSegments(
                        name, process, pages, Prot.READ_WRITE, Seeds.of(name), boundary));
    }

    @Given("a kernel buffer {name} of {int} page(s) across a segment boundary at page {int}")
    public void kernelBufferAcrossSegments(String name, int pages, int boundary) {
        run.apply(
                new Setup.MapRegionAcrossSegments(
                        name, Names.KERNEL, pages, Prot.READ_WRITE, Seeds.of(name), boundary));
    }

    @Given(
            "a region {name} of {int} page(s) in {name} across a segment boundary at page {int} with protection {prot} and fill seed {long}")
    public void regionAcrossSegments(
            String name, int pages, String space, int boundary, Prot prot, long seed) {
        run.apply(new Setup.MapRegionAcrossSegments(name, space, pages, prot, seed, boundary));
    }

    @Given("line {long} of {name} has an uncorrectable hardware error")
    public void damagedLine(long line, String object) {
        run.apply(new Setup.DamageLines(object, line, 1));
    }

    @Given("lines {long} to {long} of {name} have an uncorrectable hardware error")
    public void damagedLines(long first, long last, String object) {
        if (last < first)
            throw new IllegalArgumentException(
                    "lines " + first + " to " + last + ": the last line comes before the first");
        run.apply(new Setup.DamageLines(object, first, last - first + 1));
    }

    @Given("page {int} of {name} is {condition}")
    public void page(int page, String object, PageCondition condition) {
        run.apply(condition.op(object, page, 1));
    }

    @Given("pages {int} to {int} of {name} are {condition}")
    public void pages(int first, int last, String object, PageCondition condition) {
        if (last < first)
            throw new IllegalArgumentException(
                    "pages " + first + " to " + last + ": the last page comes before the first");
        run.apply(condition.op(object, first, last - first + 1));
    }

    @Given("the segment of {name} is deleted")
    public void segmentDeleted(String object) {
        run.apply(new Setup.DeleteSegment(object));
    }

    @Given("line {long} of {name} has ADI version {int}")
    public void adiLine(long line, String object, int version) {
        run.apply(new Setup.SetAdiVersion(object, line, 1, version));
    }

    @Given("lines {long} to {long} of {name} have ADI version {int}")
    public void adiLines(long first, long last, String object, int version) {
        if (last < first)
            throw new IllegalArgumentException(
                    "lines " + first + " to " + last + ": the last line comes before the first");
        run.apply(new Setup.SetAdiVersion(object, first, last - first + 1, version));
    }

    @Given("a file segment {name} of {int} page(s)")
    public void fileSegment(String sid, int pages) {
        run.apply(new Setup.CreateFileSegment(sid, pages, Seeds.of(sid)));
    }

    @Given("a file segment {name} of {int} page(s) with fill seed {long}")
    public void fileSegment(String sid, int pages, long seed) {
        run.apply(new Setup.CreateFileSegment(sid, pages, seed));
    }

    @Given("file page {long} of {name} has no real frame")
    public void noFrame(long pno, String sid) {
        run.apply(new Setup.SetFrame(sid, pno, false));
    }

    @Given("file page {long} of {name} has a real frame")
    public void frame(long pno, String sid) {
        run.apply(new Setup.SetFrame(sid, pno, true));
    }
}
