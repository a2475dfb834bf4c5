package xmemck.reference;

import xmemck.spi.Sut;
import xmemck.spi.SutOptions;
import xmemck.spi.SutProvider;

/** Adapter id {@code reference}: the executable specification's own behaviour, in process. */
public final class ReferenceProvider implements SutProvider {
    public static final String ID = "reference";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "the reference oracle's canonical behaviour, in process (every capability)";
    }

    @Override
    public Sut open(SutOptions options) {
        return new ReferenceSut();
    }
}
