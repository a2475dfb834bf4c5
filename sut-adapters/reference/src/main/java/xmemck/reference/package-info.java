/**
 * The reference adapter: the oracle's canonical behaviour (a copy stops at the first byte it cannot
 * write) plugged in through the SPI like any implementation, so the kit can run against itself.
 */
package xmemck.reference;
