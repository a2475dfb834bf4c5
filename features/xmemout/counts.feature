Feature: xmemout with a count of zero or less moves nothing; causes about its arguments still decide

  The xmemout kernel service, Syntax: count is an int, and no section says what a count of 0 or less does. A move
  of no bytes accesses no byte of the user buffer, so the causes of XMEM_FAIL that need an access (Return Values:
  no access authority, a hole in the address range, a paging I/O error, a buffer not in memory at interrupt
  level; and memory errors) cannot arise: xmemout may return XMEM_SUCC or XMEM_FAIL, and moves nothing. The kit
  records which. The causes about the arguments themselves hold whatever the count: a descriptor that is not
  valid, and the segment containing the user buffer having been deleted, make xmemout return XMEM_FAIL.

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
      | count       |
      | 0           |
      | -1          |
      | -2147483648 |

  @clause:xmemout.count.nonpositive
  Scenario Outline: a count of <count> into a page that is <condition> accesses nothing, so <caller> may get XMEM_SUCC or XMEM_FAIL
    Given page 1 of ubuf is <condition>
    When <caller> calls xmemout(kbuf+0, ubuf+4096, <count>, d)
    Then xmemout returns XMEM_SUCC or XMEM_FAIL
    And ubuf is unchanged

    Examples:
      | count | condition                                  | caller               |
      | 0     | read-only                                  | a kernel process     |
      | 0     | inaccessible                               | process p1           |
      | 0     | unmapped                                   | a kernel process     |
      | 0     | failing with a paging I/O error            | a kernel process     |
      | 0     | damaged by an uncorrectable hardware error | a kernel process     |
      | 0     | paged out                                  | an interrupt handler |
      | -1    | read-only                                  | an interrupt handler |

  @clause:xmemout.count.nonpositive @clause:xmemout.fail.range
  Scenario: a count of 0 to the null address accesses nothing, so xmemout may return XMEM_SUCC or XMEM_FAIL
    When a kernel process calls xmemout(kbuf+0, null address, 0, d)
    Then xmemout returns XMEM_SUCC or XMEM_FAIL
    And ubuf is unchanged

  @clause:xmemout.fail.segment-deleted
  Scenario Outline: a count of <count> into a deleted segment still fails: the segment is an argument, not an access
    Given the segment of ubuf is deleted
    When a kernel process calls xmemout(kbuf+0, ubuf+0, <count>, d)
    Then xmemout returns XMEM_FAIL
    And ubuf is unchanged

    Examples:
      | count |
      | 0     |
      | -1    |

  @clause:xmemout.fail.descriptor
  Scenario: a count of 0 through a descriptor that was never attached still fails
    When a kernel process calls xmemout(kbuf+0, ubuf+0, 0, e)
    Then xmemout returns XMEM_FAIL
    And ubuf is unchanged

  @clause:xmemout.fail.descriptor @clause:xmdetach.succ
  Scenario: a count of 0 through a detached descriptor still fails
    Given process p1 has detached descriptor d
    When an interrupt handler calls xmemout(kbuf+0, ubuf+0, 0, d)
    Then xmemout returns XMEM_FAIL
    And ubuf is unchanged
