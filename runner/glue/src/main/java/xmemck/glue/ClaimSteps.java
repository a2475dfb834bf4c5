package xmemck.glue;

import io.cucumber.java.en.Then;
import java.util.List;
import java.util.Set;
import xmemck.ops.Addr;
import xmemck.ops.Prot;
import xmemck.oracle.Effect;

/**
 * "Then" steps: each states a documented outcome of the last call. The oracle must agree with the
 * statement (else the kit is wrong: ERROR), and the implementation's outcome must lie in the
 * oracle's allowed set (else FAIL).
 */
public class ClaimSteps {
    private final ScenarioRun run;

    /**
     * Cucumber's object factory (picocontainer) gives every step class of one scenario the same
     * {@link ScenarioRun}.
     */
    public ClaimSteps(ScenarioRun run) {
        this.run = run;
    }

    @Then("{service} returns {returns}")
    public void returns(String service, Set<Long> values) {
        run.claim(new Claim.Returns(service, values));
    }

    @Then("the {long} byte(s) at {addr} are/is a copy of {addr}")
    public void copy(long length, Addr destination, Addr source) {
        run.claim(new Claim.Copy(Claim.inObject(destination), length, Claim.inObject(source)));
    }

    @Then("the {long} byte(s) at {addr} are/is unchanged or partly a copy of {addr}")
    public void partialCopy(long length, Addr destination, Addr source) {
        run.claim(
                new Claim.PartialCopy(
                        Claim.inObject(destination), length, Claim.inObject(source), null));
    }

    @Then(
            "the {long} byte(s) at {addr} are/is unchanged or partly a copy of {addr} within its first {long} byte(s)")
    public void partialCopyOfAPrefix(long length, Addr destination, Addr source, long storable) {
        run.claim(
                new Claim.PartialCopy(
                        Claim.inObject(destination),
                        length,
                        Claim.inObject(source),
                        List.of(new Effect.Range(0, storable))));
    }

    @Then(
            "the {long} byte(s) at {addr} are/is unchanged or partly a copy of {addr} within bytes {byteRanges}")
    public void partialCopyWithin(
            long length, Addr destination, Addr source, List<Effect.Range> storable) {
        run.claim(
                new Claim.PartialCopy(
                        Claim.inObject(destination), length, Claim.inObject(source), storable));
    }

    @Then("the {long} byte(s) at {addr} are/is unchanged")
    public void unchanged(long length, Addr destination) {
        run.claim(new Claim.Unchanged(Claim.inObject(destination), length));
    }

    @Then("{name} is unchanged")
    public void objectUnchanged(String object) {
        run.claim(new Claim.ObjectUnchanged(object));
    }

    @Then("the {long} byte(s) at {addr} are/is zero")
    public void zeros(long length, Addr destination) {
        run.claim(new Claim.Zeros(Claim.inObject(destination), length));
    }

    @Then("page {long} of {name} becomes {prot}")
    public void protection(long page, String object, Prot prot) {
        run.claim(new Claim.Protection(object, page, Set.of(prot)));
    }

    @Then("file page {long} of {name} becomes {prot}")
    public void filePageProtection(long pno, String sid, Prot prot) {
        run.claim(new Claim.Protection(sid, pno, Set.of(prot)));
    }

    /**
     * VM_MVC_PROTZERO "protects" the page: read-only or no access, whichever the implementation
     * chooses.
     */
    @Then("file page {long} of {name} no longer allows writes")
    public void filePageProtected(long pno, String sid) {
        run.claim(new Claim.Protection(sid, pno, Set.of(Prot.READ, Prot.NONE)));
    }

    @Then("descriptor {name} describes {long} byte(s) at {addr}")
    public void attached(String dp, long count, Addr at) {
        run.claim(new Claim.Attached(dp, Claim.inObject(at), count));
    }

    @Then("descriptor {name} is no longer valid")
    public void detached(String dp) {
        run.claim(new Claim.Detached(dp));
    }

    @Then("the call breaks the caller obligation {name}")
    public void outsideContract(String clause) {
        run.claim(new Claim.OutsideContract(clause));
    }

    @Then("nothing outside the destination changes")
    public void nothingOutside() {
        run.claim(new Claim.NothingOutsideDestination());
    }

    @Then("the source is unchanged")
    public void sourceUnchanged() {
        run.claim(new Claim.SourceUnchanged());
    }

    @Then("every byte written comes from the source")
    public void noForeignData() {
        run.claim(new Claim.NoForeignData());
    }

    @Then("the outcome is allowed by the documentation")
    public void conforms() {
        run.claim(new Claim.Conforms());
    }
}
