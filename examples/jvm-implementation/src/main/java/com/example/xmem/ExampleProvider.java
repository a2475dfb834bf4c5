package com.example.xmem;

import xmemck.spi.Sut;
import xmemck.spi.SutOptions;
import xmemck.spi.SutProvider;

/**
 * The adapter of this example, found by the kit through {@link java.util.ServiceLoader} (the jar's
 * {@code META-INF/services/xmemck.spi.SutProvider} names this class): {@code ck run --adapter jvm-example}, or
 * {@code -Dxmemck.adapter=jvm-example} for the suite in this build.
 */
public final class ExampleProvider implements SutProvider {
    public static final String ID = "jvm-example";

    @Override public String id() { return ID; }

    @Override public String description() {
        return "an example implementation on the JVM: copyout and ddi_copyout over simulated memory (examples/jvm-implementation)";
    }

    @Override public Sut open(SutOptions options) { return new ExampleSut(); }
}
