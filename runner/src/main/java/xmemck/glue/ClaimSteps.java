package xmemck.glue;

import io.cucumber.java.en.Then;
import java.util.Set;
import xmemck.ops.Addr;
import xmemck.ops.Prot;

/**
 * "Then" steps: each states a documented outcome of the last call. The oracle must agree with the statement (else the
 * kit is wrong: ERROR), and the implementation's outcome must lie in the oracle's allowed set (else FAIL).
 */
public class ClaimSteps {
    @Then("{service} returns {returns}")
    public void returns(String service, Set<Long> values) {
        ScenarioRun.current().claim(new Claim.Returns(service, values));
    }

    @Then("the {long} byte(s) at {addr} are/is a copy of {addr}")
    public void copy(long length, Addr destination, Addr source) {
        ScenarioRun.current().claim(new Claim.Copy(Claim.inObject(destination), length, Claim.inObject(source)));
    }

    @Then("the {long} byte(s) at {addr} are/is unchanged or hold(s) a prefix of {addr}")
    public void unchangedOrPrefix(long length, Addr destination, Addr source) {
        ScenarioRun.current().claim(new Claim.UnchangedOrPrefix(Claim.inObject(destination), length, Claim.inObject(source), -1));
    }

    @Then("the {long} byte(s) at {addr} are/is unchanged or hold(s) at most the first {long} byte(s) of {addr}")
    public void unchangedOrBoundedPrefix(long length, Addr destination, long atMost, Addr source) {
        ScenarioRun.current().claim(new Claim.UnchangedOrPrefix(Claim.inObject(destination), length, Claim.inObject(source), atMost));
    }

    @Then("the {long} byte(s) at {addr} are/is unchanged")
    public void unchanged(long length, Addr destination) {
        ScenarioRun.current().claim(new Claim.Unchanged(Claim.inObject(destination), length));
    }

    @Then("{name} is unchanged")
    public void objectUnchanged(String object) {
        ScenarioRun.current().claim(new Claim.ObjectUnchanged(object));
    }

    @Then("the {long} byte(s) at {addr} are/is zero")
    public void zeros(long length, Addr destination) {
        ScenarioRun.current().claim(new Claim.Zeros(Claim.inObject(destination), length));
    }

    @Then("page {long} of {name} becomes {prot}")
    public void protection(long page, String object, Prot prot) {
        ScenarioRun.current().claim(new Claim.Protection(object, page, prot));
    }

    @Then("file page {long} of {name} becomes {prot}")
    public void filePageProtection(long pno, String sid, Prot prot) {
        ScenarioRun.current().claim(new Claim.Protection(sid, pno, prot));
    }

    @Then("descriptor {name} describes {long} byte(s) at {addr}")
    public void attached(String dp, long count, Addr at) {
        ScenarioRun.current().claim(new Claim.Attached(dp, Claim.inObject(at), count));
    }

    @Then("descriptor {name} is no longer valid")
    public void detached(String dp) {
        ScenarioRun.current().claim(new Claim.Detached(dp));
    }

    @Then("the call breaks the caller obligation {name}")
    public void outsideContract(String clause) {
        ScenarioRun.current().claim(new Claim.OutsideContract(clause));
    }

    @Then("nothing outside the destination changes")
    public void nothingOutside() {
        ScenarioRun.current().claim(new Claim.NothingOutsideDestination());
    }

    @Then("the source is unchanged")
    public void sourceUnchanged() {
        ScenarioRun.current().claim(new Claim.SourceUnchanged());
    }

    @Then("every byte written comes from the source")
    public void noForeignData() {
        ScenarioRun.current().claim(new Claim.NoForeignData());
    }

    @Then("the outcome is allowed by the documentation")
    public void conforms() {
        ScenarioRun.current().claim(new Claim.Conforms());
    }
}
