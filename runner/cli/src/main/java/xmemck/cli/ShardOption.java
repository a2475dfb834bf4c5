package xmemck.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;
import xmemck.features.Shard;

/**
 * {@code --shard I/N}, a picocli mixin: shard I of N, numbered from 1. {@code ck run} partitions
 * the scenarios by a hash of their ids, {@code ck fuzz} the list of seeds round-robin ({@link
 * Shard}). A malformed shard is a usage error.
 */
final class ShardOption {

    @Option(
            names = "--shard",
            paramLabel = "I/N",
            converter = Converter.class,
            description =
                    "shard I of N (numbered from 1): ck run takes a fixed part of the scenarios (by a hash of their ids), ck fuzz"
                            + " the seeds at positions I, I+N, ... of --seeds (with --seed S: seed S+I-1)")
    Shard shard;

    /** The shard given, or the whole. */
    Shard get() {
        return shard == null ? Shard.ALL : shard;
    }

    static final class Converter implements ITypeConverter<Shard> {
        @Override
        public Shard convert(String value) {
            try {
                return Shard.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
