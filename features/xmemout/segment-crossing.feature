Feature: xmemout moves a buffer that crosses a 256 MiB AIX segment boundary like any other

  AIX divides an address space into 256 MiB segments, and a buffer may begin in one segment and end in the next.
  The xmemout kernel service's Description describes one move of count bytes to uaddr in the space the descriptor
  names, whatever segments it spans, and xmattach's Description prepares the buffer as a whole; neither page makes
  a boundary inside the buffer a cause of XMEM_FAIL. So a move across the boundary succeeds, and one that meets a
  page without write access on either side fails with XMEM_FAIL as Return Values lists, leaving the bytes it
  could not store unchanged. Here the boundary lies at the start of the page the set-up step names.

  Background:
    Given a user process p1
    And a kernel buffer kbuf of 4 pages
    And a user buffer sbuf of 4 pages in process p1 across a segment boundary at page 2
    And process p1 has attached descriptor d to 16384 bytes at sbuf+0

  Scenario Outline: <caller> moves <count> bytes from kbuf+0 to sbuf+<to>, across the segment boundary
    When <caller> calls xmemout(kbuf+0, sbuf+<to>, <count>, d)
    Then xmemout returns XMEM_SUCC
    And the <count> bytes at sbuf+<to> are a copy of kbuf+0
    And nothing outside the destination changes
    And the source is unchanged

    @clause:xmemout.succ @clause:xmemout.segment-crossing @clause:xmemout.env.process
    Examples: the process environment
      | caller           | to   | count |
      | process p1       | 4000 | 8192  |
      | a kernel process | 8191 | 2     |
      | process p1       | 0    | 16384 |

    @clause:xmemout.succ @clause:xmemout.segment-crossing @clause:xmemout.env.interrupt
    Examples: an interrupt handler
      | caller               | to   | count |
      | an interrupt handler | 8000 | 300   |

  @clause:xmemout.succ @clause:xmemout.env.process
  Scenario: a move that stays on one side of the boundary is an ordinary move
    When a kernel process calls xmemout(kbuf+0, sbuf+8192, 8192, d)
    Then xmemout returns XMEM_SUCC
    And the 8192 bytes at sbuf+8192 are a copy of kbuf+0
    And nothing outside the destination changes

  @clause:xmemout.fail.authority @clause:xmemout.segment-crossing @clause:inv.failure-effect
  Scenario: a read-only page just after the boundary fails the move; only the bytes before it may be stored
    Given page 2 of sbuf is read-only
    When a kernel process calls xmemout(kbuf+0, sbuf+4000, 8192, d)
    Then xmemout returns XMEM_FAIL
    And the 8192 bytes at sbuf+4000 are unchanged or partly a copy of kbuf+0 within its first 4192 bytes
    And nothing outside the destination changes

  @clause:xmemout.fail.authority @clause:xmemout.segment-crossing @clause:inv.failure-effect
  Scenario: a read-only page just before the boundary fails the move; the bytes after it may be stored
    Given page 1 of sbuf is read-only
    When an interrupt handler calls xmemout(kbuf+0, sbuf+4096, 8192, d)
    Then xmemout returns XMEM_FAIL
    And the 8192 bytes at sbuf+4096 are unchanged or partly a copy of kbuf+0 within bytes 4096 to 8191
    And nothing outside the destination changes

  @clause:xmemout.succ @clause:xmemout.segment-crossing @clause:xmemout.env.interrupt
  Scenario: an interrupt handler moves into kernel memory that crosses a segment boundary, attached with SYS_ADSPACE
    Given a kernel buffer kseg of 2 pages across a segment boundary at page 1
    And a kernel process has attached descriptor k to 8192 bytes at kseg+0
    When an interrupt handler calls xmemout(kbuf+0, kseg+0, 8192, k)
    Then xmemout returns XMEM_SUCC
    And the 8192 bytes at kseg+0 are a copy of kbuf+0
    And nothing outside the destination changes

  @clause:xmemout.succ @clause:xmemout.segment-crossing @clause:xmemout.env.process
  Scenario: paged-out pages on both sides of the boundary are brought in at process level
    Given pages 1 to 2 of sbuf are paged out
    When a kernel process calls xmemout(kbuf+0, sbuf+0, 16384, d)
    Then xmemout returns XMEM_SUCC
    And the 16384 bytes at sbuf+0 are a copy of kbuf+0
    And nothing outside the destination changes
