/**
 * The kit's own small property-based engine: every random draw goes through one recording {@link
 * xmemck.fuzz.engine.Choices}, so a case replays from its seed or its choices; failures are shrunk
 * by editing the recorded choices and generating again ({@link xmemck.fuzz.engine.Shrinker}), then
 * by domain passes on the value ({@link xmemck.fuzz.engine.Simplifier}). It knows nothing of kernel
 * services.
 */
package xmemck.fuzz.engine;
