package xmemck.glue;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.When;
import xmemck.ops.Addr;
import xmemck.ops.Call;
import xmemck.ops.Context;
import xmemck.ops.Observe;

/**
 * Steps that call a service, written as the C call of the manual page ({@code process p1 calls
 * xmemout(kbuf+0, ubuf+0, 4096, d)}), and the kit's own observations. The "Then" steps that follow
 * speak of the last call.
 */
public class CallSteps {
    private final ScenarioRun run;

    /**
     * Cucumber's object factory (picocontainer) gives every step class of one scenario the same
     * {@link ScenarioRun}.
     */
    public CallSteps(ScenarioRun run) {
        this.run = run;
    }

    @When("{context} calls xmattach\\({addr}, {long}, {name}, {segflag}\\)")
    public void xmattach(Context context, Addr addr, long count, String dp, Integer segflag) {
        run.apply(new Call.Xmattach(context, addr, count, dp, segflag));
    }

    /**
     * The usual precondition of xmemout: the caller attaches {@code dp} to its buffer. A process
     * attaches in its own address space (USER_ADSPACE); a kernel process or interrupt handler in
     * kernel memory (SYS_ADSPACE).
     */
    @Given("{context} has attached descriptor {name} to {long} byte(s) at {addr}")
    public void attached(Context context, String dp, long count, Addr addr) {
        int segflag = context instanceof Context.Process ? Call.USER_ADSPACE : Call.SYS_ADSPACE;
        run.apply(new Call.Xmattach(context, addr, count, dp, segflag));
    }

    @When("{context} calls xmdetach\\({name}\\)")
    public void xmdetach(Context context, String dp) {
        run.apply(new Call.Xmdetach(context, dp));
    }

    @Given("{context} has detached descriptor {name}")
    public void detached(Context context, String dp) {
        run.apply(new Call.Xmdetach(context, dp));
    }

    @When("{context} calls xmemout\\({addr}, {addr}, {long}, {name}\\)")
    public void xmemout(Context context, Addr kaddr, Addr uaddr, long count, String dp) {
        run.apply(new Call.Xmemout(context, kaddr, uaddr, count, dp));
    }

    @When("{context} calls vm_mvc\\({name}, {long}, {long}, {long}, {command}, {name}, {addr}\\)")
    public void vmMvc(
            Context context,
            String sid,
            long pno,
            long pgoffs,
            long count,
            Integer cmd,
            String dp,
            Addr ptr) {
        run.apply(new Call.VmMvc(context, sid, pno, pgoffs, count, cmd, dp, ptr));
    }

    @When("{context} calls copyout\\({addr}, {addr}, {size}\\)")
    public void copyout(Context context, Addr driverbuf, Addr userbuf, long cn) {
        run.apply(new Call.Copyout(context, driverbuf, userbuf, cn));
    }

    @When("{context} calls ddi_copyout\\({addr}, {addr}, {size}, {ddiFlags}\\)")
    public void ddiCopyout(Context context, Addr driverbuf, Addr buf, long cn, Integer flags) {
        run.apply(new Call.DdiCopyout(context, driverbuf, buf, cn, flags));
    }

    @When("{context} calls xx_ioctl\\({ioctlCommand}, {addr}\\) on the device registers at {addr}")
    public void ioctl(Context context, Integer cmd, Addr arg, Addr regs) {
        run.apply(new Call.XxIoctl(context, regs, cmd, arg));
    }

    @When("the kit reads {long} byte(s) of {name} from offset {long}")
    public void readBytes(long length, String object, long from) {
        run.apply(new Observe.Bytes(object, from, length));
    }

    @When("the kit reads the protection of page {long} of {name}")
    public void readProtection(long page, String object) {
        run.apply(new Observe.Protection(object, page));
    }
}
