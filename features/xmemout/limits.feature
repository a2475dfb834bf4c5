Feature: what xmemout promises at the edges of its contract

  The xmemout kernel service page does not say whether a single move may be larger than one AIX segment
  (256 MiB), nor (with the xmattach page's Description) whether uaddr..uaddr+count must lie inside the range the
  descriptor describes; implementations differ. Each may move as usual, or fail with nothing moved, and the kit
  records which. The caller, for its part, must hand xmemout readable kernel global memory as the source
  (Parameters, Description) and a destination in the address space the descriptor names; a call that breaks these
  obligations is outside the contract: nothing is promised and nothing is judged. Counts of zero or less are in
  the counts feature.

  Background:
    Given a user process p1
    And a user buffer ubuf of 4 pages in process p1
    And a kernel buffer kbuf of 4 pages
    And process p1 has attached descriptor d to 16384 bytes at ubuf+0

  @clause:xmemout.count.over-segment @clause:xmemout.succ
  Scenario: a move larger than one 256 MiB AIX segment may succeed or fail, but writes only the destination
    The kit observes buffers this large through page digests, so judging the move reads back only pages whose
    digest is not one the oracle allows.

    Given a user buffer big of 65537 pages in process p1
    And a kernel buffer kbig of 65537 pages
    And process p1 has attached descriptor b to 268439552 bytes at big+0
    When a kernel process calls xmemout(kbig+0, big+0, 268439552, b)
    Then xmemout returns XMEM_SUCC or XMEM_FAIL
    And nothing outside the destination changes
    And every byte written comes from the source

  @clause:xmemout.attached-range
  Scenario Outline: a destination <where> the attached range is moved as usual or fails with nothing moved
    Given process p1 has attached descriptor e to 4096 bytes at ubuf+4096
    When a kernel process calls xmemout(kbuf+0, ubuf+<to>, <count>, e)
    Then xmemout returns XMEM_SUCC or XMEM_FAIL
    And nothing outside the destination changes
    And every byte written comes from the source

    Examples:
      | where                | to   | count |
      | starting before      | 4095 | 2     |
      | running past the end | 8000 | 200   |
      | wholly outside       | 0    | 16    |
      | covering more than   | 0    | 16384 |

  @clause:xmemout.attached-range @clause:xmemout.fail.authority @clause:inv.failure-effect
  Scenario: outside the attached range with a read-only page, the move fails; it may store only what it could store
    Given process p1 has attached descriptor e to 4096 bytes at ubuf+4096
    And page 1 of ubuf is read-only
    When a kernel process calls xmemout(kbuf+0, ubuf+0, 12288, e)
    Then xmemout returns XMEM_FAIL
    And the 12288 bytes at ubuf+0 are unchanged or partly a copy of kbuf+0 within bytes 0 to 4095 and 8192 to 12287
    And nothing outside the destination changes

  @clause:xmemout.caller.uaddr-space
  Scenario Outline: a destination in process p2's buffer through a descriptor of process p1 is outside the contract, called by <caller>
    Given a user process p2
    And a user buffer other of 1 page in process p2
    When <caller> calls xmemout(kbuf+0, other+0, 16, d)
    Then the call breaks the caller obligation xmemout.caller.uaddr-space

    Examples:
      | caller               |
      | process p2           |
      | a kernel process     |
      | an interrupt handler |

  @clause:xmemout.caller.uaddr-space
  Scenario: a destination in kernel memory through a descriptor of a user process is outside the contract
    Given a kernel buffer kb2 of 1 page
    When a kernel process calls xmemout(kbuf+0, kb2+0, 16, d)
    Then the call breaks the caller obligation xmemout.caller.uaddr-space

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
