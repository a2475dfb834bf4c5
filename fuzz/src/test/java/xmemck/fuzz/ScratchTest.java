package xmemck.fuzz;

import java.util.List;
import org.junit.jupiter.api.Test;
import xmemck.ops.*;
import xmemck.spi.*;

class ScratchTest {
    @Test
    void scratch() throws Exception {
        Sut sut = Adapters.find("reference").open(SutOptions.none());
        List<Op> ops = List.of(new Setup.MapRegion("k", "kernel", 1, Prot.READ_WRITE, 11), new Setup.MapRegion("u", "kernel", 1, Prot.READ_WRITE, 22),
                new Call.Xmattach(Context.kernelProcess(), Addr.in("u", 0), 1, "dp", Call.SYS_ADSPACE),
                new Setup.SetPageState("u", 0, 1, PageState.PAGED_OUT),
                new Call.Xmemout(Context.interrupt(), Addr.in("k", 0), Addr.in("u", 0), 1, "dp"));
        for (var st : Replay.steps(sut, ops)) System.out.println(st.verdict() + " " + st.op().describe() + " -> " + st.result() + " " + st.clauses() + "\n   " + st.expectation());
    }
}
