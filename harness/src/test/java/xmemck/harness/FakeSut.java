package xmemck.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import xmemck.ops.Call;
import xmemck.ops.Observe;
import xmemck.ops.Op;
import xmemck.ops.Result;
import xmemck.ops.Setup;
import xmemck.oracle.Oracle;
import xmemck.spi.Capabilities;
import xmemck.spi.Sut;
import xmemck.spi.SutFailure;

/** A test implementation: behaves like the model, except where a test overrides an answer. */
class FakeSut implements Sut {
    interface Answer {
        Result answer(Op op, Result modelAnswer) throws SutFailure;
    }

    final List<Op> received = new ArrayList<>();
    final List<List<? extends Op>> batches = new ArrayList<>();
    private Oracle model = new Oracle();
    private final Capabilities capabilities;
    private final Answer answer;
    SutFailure failOnReset;
    String diagnostics = "";

    FakeSut(Capabilities capabilities, Answer answer) {
        this.capabilities = capabilities;
        this.answer = answer;
    }

    static FakeSut conforming() {
        return new FakeSut(Capabilities.all(), (op, r) -> r);
    }

    static FakeSut returning(UnaryOperator<Result> change) {
        return new FakeSut(Capabilities.all(), (op, r) -> op instanceof Call ? change.apply(r) : r);
    }

    @Override
    public String name() {
        return "fake";
    }

    @Override
    public Capabilities capabilities() {
        return capabilities;
    }

    @Override
    public Result apply(Op op) throws SutFailure {
        received.add(op);
        Result modelAnswer =
                switch (op) {
                    case Setup s -> {
                        model.apply(s);
                        yield new Result.Done();
                    }
                    case Call c -> model.perform(c);
                    case Observe o -> model.observe(o);
                };
        return answer.answer(op, modelAnswer);
    }

    @Override
    public List<Result> applyAll(List<? extends Op> ops) throws SutFailure {
        batches.add(List.copyOf(ops));
        return Sut.super.applyAll(ops);
    }

    @Override
    public void reset() throws SutFailure {
        if (failOnReset != null) throw failOnReset;
        model = new Oracle();
    }

    @Override
    public String drainDiagnostics() {
        String d = diagnostics;
        diagnostics = "";
        return d;
    }

    @Override
    public void close() {}
}
