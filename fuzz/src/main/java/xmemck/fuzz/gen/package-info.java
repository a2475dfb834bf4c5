/**
 * Generators of fuzz cases (worlds and call sequences) for the three services, weighted toward what
 * the manual pages care about and limited to what the adapter under test can do.
 */
package xmemck.fuzz.gen;
