Feature: what xmemout promises at the edges of its contract

  The manual page does not say what a count of zero or less does, nor whether a single move may be larger than
  one AIX segment (256 MiB); implementations differ. The kit allows each sensible answer and records which one an
  implementation gives. The caller, for its part, must hand xmemout readable kernel global memory as the source
  and a destination inside the range the descriptor describes; a call that breaks these obligations is outside
  the contract: nothing is promised and nothing is judged.

  Background:
    Given a user process p1
    And a user buffer ubuf of 4 pages in process p1
    And a kernel buffer kbuf of 4 pages
    And process p1 has attached descriptor d to 16384 bytes at ubuf+0

  @clause:xmemout.count.nonpositive
  Scenario Outline: a count of <count> moves nothing, and xmemout may return XMEM_SUCC or XMEM_FAIL
    When process p1 calls xmemout(kbuf+0, ubuf+0, <count>, d)
    Then xmemout returns XMEM_SUCC or XMEM_FAIL
    And ubuf is unchanged

    Examples:
      | count |
      | 0     |
      | -1    |

  @clause:xmemout.count.over-segment @clause:xmemout.succ @slow
  Scenario: a move larger than one 256 MiB AIX segment may succeed or fail, but writes only the destination
    Tagged @slow: judging it means reading back two buffers of over 256 MiB, which takes seconds, so the default
    runs leave it out; run it with --tags @slow (ck run) or -Dcucumber.filter.tags=@slow (Maven).

    Given a user buffer big of 65537 pages in process p1
    And a kernel buffer kbig of 65537 pages
    And process p1 has attached descriptor b to 268439552 bytes at big+0
    When a kernel process calls xmemout(kbig+0, big+0, 268439552, b)
    Then xmemout returns XMEM_SUCC or XMEM_FAIL
    And nothing outside the destination changes
    And every byte written comes from the source

  @clause:xmemout.caller.attached-range
  Scenario Outline: a destination <where> the attached range is outside the contract
    Given process p1 has attached descriptor e to 4096 bytes at ubuf+4096
    When a kernel process calls xmemout(kbuf+0, ubuf+<to>, <count>, e)
    Then the call breaks the caller obligation xmemout.caller.attached-range

    Examples:
      | where                | to   | count |
      | starting before      | 4095 | 2     |
      | running past the end | 8000 | 200   |
      | wholly outside       | 0    | 16    |

  @clause:xmemout.caller.kaddr
  Scenario: a source in a user buffer is not kernel global memory
    Given a user buffer other of 1 page in process p1
    When a kernel process calls xmemout(other+0, ubuf+0, 16, d)
    Then the call breaks the caller obligation xmemout.caller.kaddr

  @clause:xmemout.caller.kaddr
  Scenario: a source that is the null address is not kernel global memory
    When a kernel process calls xmemout(null address, ubuf+0, 16, d)
    Then the call breaks the caller obligation xmemout.caller.kaddr

  @clause:xmemout.caller.kaddr
  Scenario: a source with an unmapped page is not readable kernel memory
    Given page 1 of kbuf is unmapped
    When a kernel process calls xmemout(kbuf+0, ubuf+0, 8192, d)
    Then the call breaks the caller obligation xmemout.caller.kaddr

  @clause:xmemout.caller.kaddr
  Scenario: a paged-out source cannot be read at interrupt level
    Given page 0 of kbuf is paged out
    When an interrupt handler calls xmemout(kbuf+0, ubuf+0, 16, d)
    Then the call breaks the caller obligation xmemout.caller.kaddr

  @clause:xmemout.succ @clause:xmemout.env.process
  Scenario: a paged-out source is brought in at process level
    Given page 0 of kbuf is paged out
    When a kernel process calls xmemout(kbuf+0, ubuf+0, 4096, d)
    Then xmemout returns XMEM_SUCC
    And the 4096 bytes at ubuf+0 are a copy of kbuf+0
